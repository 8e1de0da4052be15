#pragma once

#include <string>
#include <vector>

#include "lintel/api/gateway.h"
#include "lintel/api/networking.h"
#include "lintel/conversion/ingress_class_selection.h"

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

// Something the conversion could not carry over, said about one Ingress.
struct ConversionNote {
  std::string ingress;  // "namespace/name"
  std::string field;    // "spec.rules[0].http.paths[1].backend.resource"
  std::string message;
};

struct ConversionResult {
  std::vector<api::GatewayClass> gateway_classes;
  std::vector<api::Gateway> gateways;
  std::vector<api::HTTPRoute> http_routes;
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
ConversionResult convert_ingresses(const std::vector<const api::Ingress*>& ingresses,
                                   const std::vector<const api::IngressClass*>& classes,
                                   const ConversionOptions& options);

}  // namespace lintel::conversion
