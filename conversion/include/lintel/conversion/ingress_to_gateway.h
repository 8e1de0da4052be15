#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lintel/api/core.h"
#include "lintel/api/networking.h"
#include "lintel/conversion/ingress_class_selection.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"

namespace lintel::conversion {

// The GatewayClass controllerName under which converted Gateways run.
inline constexpr const char* kGatewayControllerName = "lintel.io/gateway-controller";
// Where the shared Gateway of each IngressClass lives.
inline constexpr const char* kGatewayNamespace = "lintel-system";

struct ConversionOptions {
  ClassSelectionOptions class_selection;
  // The port of the HTTP listener of each converted Gateway (`--http-port` in standalone mode).
  std::int32_t http_port = 80;
  // Emit the Gateway of options.class_selection.ingress_class even when no Ingress uses it, so
  // that the HTTP port is served (404 for everything) before the first Ingress arrives, as an
  // ingress controller's proxy is.
  bool always_emit_default_gateway = false;
};

// How a note's subject was carried over. Notes without a kind are about what the conversion
// could not carry exactly (the default, as before kinds existed).
enum class NoteKind {
  kApproximated,  // converted, but behaviour differs (the message says how)
  kUnsupported,   // not carried over at all (the message says why and what to do instead)
  kConverted,     // converted exactly (the message says to what); for the migration report
};

// Something the conversion could not carry over, said about one Ingress.
struct ConversionNote {
  std::string ingress;  // "namespace/name"
  std::string field;    // "spec.rules[0].http.paths[1].backend.resource"
  std::string message;
  // The converted HTTPRoute the note is about ("namespace/name"), when the path was converted
  // but not exactly; empty when nothing was converted.
  std::string route;
  NoteKind kind = NoteKind::kApproximated;
};

// The objects are complete, as the strict decoder would produce them from YAML: apiVersion,
// kind, metadata (creationTimestamp copied from the Ingress, so that older Ingresses keep
// winning ties) and every schema default. What Gateway API has no field for is carried by
// annotations under kInternalAnnotationPrefix (internal_annotations.h).
struct ConversionResult {
  std::vector<gateway::v1::GatewayClass> gateway_classes;
  std::vector<gateway::v1::Gateway> gateways;
  std::vector<gateway::v1::HTTPRoute> http_routes;
  std::vector<ConversionNote> notes;
};

// Converts the Ingresses of Lintel's classes into Gateway API objects. Pure and deterministic:
// the output is sorted and depends only on the input, never on its order.
//
// Layout: one GatewayClass and one shared Gateway (namespace lintel-system, named after the
// IngressClass) per Lintel IngressClass, with an HTTP listener that admits routes from every
// namespace, as one ingress controller serves all namespaces. Each Ingress becomes one HTTPRoute
// per host in the Ingress's own namespace (so its backends stay namespace-local), plus one
// host-less HTTPRoute for spec.defaultBackend. Ingress path semantics map onto HTTPRoute
// matches: Exact -> Exact, Prefix -> PathPrefix (both element-wise), ImplementationSpecific ->
// PathPrefix (Lintel's definition, as ingress-nginx treats it without regex annotations).
//
// A backend that names its Service port gets the port's number from `services`; when the
// Service or the port is unknown, the backendRef has no port (the translator answers its share
// of requests with 500) and a note says so.
ConversionResult convert_ingresses(const std::vector<const api::Ingress*>& ingresses,
                                   const std::vector<const api::IngressClass*>& classes,
                                   const std::vector<const api::Service*>& services,
                                   const ConversionOptions& options);

}  // namespace lintel::conversion
