#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lintel/api/core.h"
#include "lintel/api/networking.h"
#include "lintel/conversion/ingress_class_selection.h"
#include "lintel/conversion/ingress_nginx_settings.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/gateway/v1/reference_grant.pb.h"

namespace lintel::conversion {

// The GatewayClass controllerName under which converted Gateways run.
inline constexpr const char* kGatewayControllerName = "lintel.io/gateway-controller";
// Where the shared Gateway of each IngressClass lives.
inline constexpr const char* kGatewayNamespace = "lintel-system";

struct ConversionOptions {
  ClassSelectionOptions class_selection;
  // The port of the HTTP listener of each converted Gateway (`--http-port` in standalone mode).
  std::int32_t http_port = 80;
  // The port of the HTTPS listeners made for spec.tls hosts (`--https-port`).
  std::int32_t https_port = 443;
  // One shared Gateway per IngressClass in lintel-system (false), or one per IngressClass and
  // namespace, in the Ingresses' own namespace (`--gateway-per-namespace`).
  bool gateway_per_namespace = false;
  // The ingress-nginx controller ConfigMap whose global settings apply ("namespace/name").
  std::string ingress_nginx_configmap = kIngressNginxConfigMap;
  // Emit the Gateway of options.class_selection.ingress_class even when no Ingress uses it, so
  // that the HTTP port is served (404 for everything) before the first Ingress arrives, as an
  // ingress controller's proxy is.
  bool always_emit_default_gateway = false;
};

// Something the conversion could not carry over, said about one Ingress.
struct ConversionNote {
  std::string ingress;  // "namespace/name"
  std::string field;    // "spec.rules[0].http.paths[1].backend.resource"
  std::string message;
  // The converted HTTPRoute the note is about ("namespace/name"), when the path was converted
  // but not exactly; empty when nothing was converted.
  std::string route;
  // approximated: served, but not as the Ingress meant; unsupported: not served at all.
  Outcome outcome = Outcome::unsupported;
};

// What became of one Ingress of Lintel's classes.
struct IngressConversion {
  std::string ingress;                 // "namespace/name"
  std::string ingress_class;           // the Lintel class it resolved to
  std::string gateway;                 // "namespace/name" of the Gateway it attaches to
  std::vector<std::string> routes;     // "namespace/name" of its HTTPRoutes, sorted
  std::vector<std::string> listeners;  // names of the HTTPS listeners made for its spec.tls
};

// The objects are complete, as the strict decoder would produce them from YAML: apiVersion,
// kind, metadata (creationTimestamp copied from the Ingress, so that older Ingresses keep
// winning ties) and every schema default. What Gateway API has no field for is carried by
// annotations under kInternalAnnotationPrefix (internal_annotations.h).
struct ConversionResult {
  std::vector<gateway::v1::GatewayClass> gateway_classes;
  std::vector<gateway::v1::Gateway> gateways;
  std::vector<gateway::v1::HTTPRoute> http_routes;
  // Let the shared Gateways (lintel-system) use the Ingresses' TLS Secrets: one per namespace
  // with such a Secret, named kReferenceGrantName.
  std::vector<gateway::v1::ReferenceGrant> reference_grants;
  std::vector<ConversionNote> notes;
  // Every Ingress converted, in namespace/name order.
  std::vector<IngressConversion> ingresses;
  // The ingress-nginx ConfigMap read, and what became of each of its keys.
  IngressNginxSettings ingress_nginx;
};

// The name of the ReferenceGrant that lets the shared Gateways read an Ingress's TLS Secrets.
inline constexpr const char* kReferenceGrantName = "lintel-ingress-tls";

// Converts the Ingresses of Lintel's classes into Gateway API objects. Pure and deterministic:
// the output is sorted and depends only on the input, never on its order.
//
// Layout: one GatewayClass per Lintel IngressClass, and one shared Gateway per IngressClass
// (namespace lintel-system, named after the class, admitting routes from every namespace, as
// one ingress controller serves all namespaces) or, with options.gateway_per_namespace, one per
// class and namespace (in that namespace, admitting its own routes). Each Gateway has an HTTP
// listener "http" and, once some Ingress has spec.tls, one HTTPS listener "https" without a
// hostname whose certificateRefs are the spec.tls Secrets (in the Ingresses' namespaces),
// picked by SNI from each certificate's own names, the oldest Ingress's first. One listener,
// not one per host: a listener's hostname becomes the hostname of every host-less route (and
// default backend) attached to it, which would let such a rule outrank a host's own rules on
// HTTPS only; with one hostname-less listener HTTPS routes exactly as HTTP does. (More than one
// certificateRef per listener is implementation-specific in Gateway API: Lintel serves it;
// another implementation may need the listener split per host.) A shared Gateway may read the
// Secrets through one ReferenceGrant per namespace (kReferenceGrantName); a per-namespace
// Gateway needs none. Two Ingresses naming different Secrets for one host: the first in
// precedence order (below) wins, the other gets a note.
//
// Each Ingress becomes one HTTPRoute per host in the Ingress's own namespace (so its backends
// stay namespace-local), plus one host-less HTTPRoute for spec.defaultBackend, each attached to
// both listeners. With ssl-redirect (the ingress-nginx default, or the ConfigMap's), the route
// of a host some spec.tls names leaves the HTTP listener to a "<route>-ssl-redirect" HTTPRoute
// with the same matches and a 308 RequestRedirect to https. Ingress path semantics map onto
// HTTPRoute matches: Exact -> Exact, Prefix -> PathPrefix (both element-wise),
// ImplementationSpecific -> PathPrefix (Lintel's definition, as ingress-nginx treats it without
// regex annotations).
//
// Precedence between Ingresses: the older creationTimestamp first (none counts as oldest), then
// namespace/name. When two Ingresses of one Gateway have the same host, path and path type (or
// two default backends), the first keeps it and the later one's path is left out with a note
// naming the winner, so the result never depends on route precedence rules.
//
// A backend that names its Service port gets the port's number from `services`; when the
// Service or the port is unknown, the backendRef has no port (the translator answers its share
// of requests with 500) and a note says so.
ConversionResult convert_ingresses(const std::vector<const api::Ingress*>& ingresses,
                                   const std::vector<const api::IngressClass*>& classes,
                                   const std::vector<const api::Service*>& services,
                                   const ConversionOptions& options,
                                   const std::vector<const api::ConfigMap*>& config_maps = {});

}  // namespace lintel::conversion
