#pragma once

#include <string>
#include <vector>

#include "lintel/api/core.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// Gateway API objects as the strict decoder produces them (schema defaults filled in), native
// or converted from Ingresses; an object is known by its metadata's namespace and name.
struct TranslatorInput {
  std::vector<const gateway::v1::GatewayClass*> gateway_classes;
  std::vector<const gateway::v1::Gateway*> gateways;
  std::vector<const gateway::v1::HTTPRoute*> http_routes;
  std::vector<const api::Service*> services;
  std::vector<const api::EndpointSlice*> endpoint_slices;
};

struct TranslatorOptions {
  std::string controller_name = "lintel.io/gateway-controller";
  std::string bind_address = "0.0.0.0";
};

// Gateway API objects in, the data-plane Snapshot out. Pure and deterministic: the same input
// gives a byte-identical snapshot whatever the order of the input vectors; the version is left
// at 0 for the caller to stamp.
//
// Phases, in order:
//  1. Gateways of accepted GatewayClasses (controllerName is Lintel's); HTTP listeners become
//     snapshot listeners, merged by port.
//  2. HTTPRoutes attach to listeners through parentRefs (name, namespace, sectionName, port)
//     and allowedRoutes; hostnames are intersected with the listener's. A route converted from
//     an Ingress keeps Ingress's one-label wildcards (conversion/internal_annotations.h).
//  3. Every rule match becomes a snapshot route under each effective hostname; routes of one
//     hostname are sorted by Gateway API precedence (route_precedence.h).
//  4. backendRefs resolve to clusters through Services and EndpointSlices; an unresolvable one
//     (no such Service or port, or no port given) keeps its share of requests, answered 500;
//     a rule with no resolvable backend answers 500, as the spec requires.
// What the translator does not serve yet is named by not_served() (not_served.h).
snapshot::v1::Snapshot translate(const TranslatorInput& input, const TranslatorOptions& options);

}  // namespace lintel::controller
