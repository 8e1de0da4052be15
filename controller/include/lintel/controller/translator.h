#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "lintel/api/core.h"
#include "lintel/controller/service_resolver.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

struct TranslatorOptions {
  std::string controller_name = "lintel.io/gateway-controller";
  std::string bind_address = "0.0.0.0";
  // Each Gateway binds the address in its status (GatewayAddressPool) instead of bind_address.
  bool address_per_gateway = false;
};

// The graph options that go with translator options: Lintel's controller name, and the address
// Gateways report, which is the bind address, or loopback's when it binds every address.
graph::GraphOptions graph_options(const TranslatorOptions& options);

// The Gateway API graph (graph/graph.h) in, the data-plane Snapshot out. Pure and deterministic:
// the same graph gives a byte-identical snapshot; the version is left at 0 for the caller to
// stamp. The graph has decided everything about attachment and references; the translator
// decides what the data plane can serve of it:
//  1. the programmed HTTP listeners become snapshot listeners, merged by address and port
//     (HTTPS waits for TLS in the data plane);
//  2. each attached route's rule matches become snapshot routes under the route's effective
//     hostnames on that listener, sorted by Gateway API precedence (route_precedence.h); a
//     route converted from an Ingress keeps Ingress's one-label wildcards
//     (conversion/internal_annotations.h);
//  3. the rule's filters become the route's (rule_translation.h); backendRefs and mirrors the
//     graph resolved become clusters through `services`, Services and EndpointSlices as
//     kube-proxy reads them; a backendRef that cannot be used keeps its share of requests,
//     answered 500, and a rule that cannot be served faithfully answers 500 altogether.
// What the translator does not serve yet is named by not_served() (not_served.h).
snapshot::v1::Snapshot translate(const graph::Graph& graph, const ServiceResolver& services,
                                 const TranslatorOptions& options);

class TranslatorCache;

// As above, reusing the translation of every route the graph gave the same resolution as in the
// cache's last translation (translator_cache.h); byte for byte the same snapshot. The snapshot is
// allocated in an arena of its own, so that dropping it frees a few blocks rather than every
// field of every route.
std::shared_ptr<snapshot::v1::Snapshot> translate(const graph::Graph& graph,
                                                  const ServiceResolver& services,
                                                  const TranslatorOptions& options,
                                                  TranslatorCache& cache);

// Gateway API objects as the strict decoder produces them (schema defaults filled in), native
// or converted from Ingresses, and what they reference.
struct TranslatorInput {
  std::vector<const gateway::v1::GatewayClass*> gateway_classes;
  std::vector<const gateway::v1::Gateway*> gateways;
  std::vector<const gateway::v1::ListenerSet*> listener_sets;
  std::vector<const gateway::v1::HTTPRoute*> http_routes;
  std::vector<const gateway::v1::ReferenceGrant*> reference_grants;
  std::vector<const core::v1::Secret*> secrets;
  std::vector<const api::Namespace*> namespaces;
  std::vector<const api::Service*> services;
  std::vector<const api::EndpointSlice*> endpoint_slices;
};

// The graph of `input` built and translated, for callers that need no status.
snapshot::v1::Snapshot translate(const TranslatorInput& input, const TranslatorOptions& options);

}  // namespace lintel::controller
