#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lintel/api/core.h"
#include "lintel/core/v1/secret.pb.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/gateway/v1/listener_set.pb.h"
#include "lintel/gateway/v1/reference_grant.pb.h"

// The Gateway API graph: which Gateways, listeners and HTTPRoutes Lintel serves, how they attach,
// which references resolve, and the status of every object Lintel is responsible for. Pure: the
// same objects give the same graph in any input order. The graph points into the input objects,
// which must outlive it.
namespace lintel::controller::graph {

namespace gw = lintel::gateway::v1;

struct GraphInput {
  std::vector<const gw::GatewayClass*> gateway_classes;
  std::vector<const gw::Gateway*> gateways;
  std::vector<const gw::ListenerSet*> listener_sets;
  std::vector<const gw::HTTPRoute*> http_routes;
  std::vector<const gw::ReferenceGrant*> reference_grants;
  std::vector<const core::v1::Secret*> secrets;
  // Earlier versions of Secrets, each the last one that was a usable key pair: a listener whose
  // Secret has since become unusable keeps serving that version (and says so), so that a bad
  // edit of a certificate does not take a working listener down.
  std::vector<const core::v1::Secret*> last_usable_secrets;
  std::vector<const api::Service*> services;
  std::vector<const api::Namespace*> namespaces;
};

struct GraphOptions {
  std::string controller_name = "lintel.io/gateway-controller";
  // The addresses Lintel's data plane is reachable on, reported in every accepted Gateway's
  // status.addresses (type IPAddress); a Gateway may request only these.
  std::vector<std::string> addresses;
  // When set, each Gateway has an address of its own (GatewayAddressPool), by "namespace/name",
  // and `addresses` is not used; a Gateway without one has none to bind.
  std::optional<std::map<std::string, std::string>> gateway_addresses;
  // Seconds since the epoch at which certificates are judged: one that has expired by then is
  // still served, and its listener's ResolvedRefs message says so. 0: expiry is not looked at.
  std::int64_t certificate_time = 0;
};

// One reference made by a route rule (a backendRef, a RequestMirror's backendRef or an
// ExtensionRef filter), resolved.
struct ResolvedRef {
  std::string reason;  // empty when resolved, else InvalidKind, RefNotPermitted or BackendNotFound
  std::string message;
  std::string namespace_;                 // the referent's namespace (for a Service)
  std::string name;                       // the referent's name
  const api::Service* service = nullptr;  // set when a Service reference resolved

  bool resolved() const { return reason.empty(); }
};

// One HTTPBackendRef of a rule.
struct ResolvedBackend {
  ResolvedRef ref;
  // One per filter of the backendRef, in order: set for RequestMirror (its backend) and
  // ExtensionRef (the extension), nullopt for filters that reference nothing.
  std::vector<std::optional<ResolvedRef>> filters;
  // False when the requests this backend would get must be answered with 500: the backend did
  // not resolve, or one of its ExtensionRef filters did not. An unresolved mirror only drops the
  // mirror.
  bool usable = false;
};

// One rule of an HTTPRoute; the vectors line up with the rule's backend_refs and filters.
struct ResolvedRule {
  std::vector<ResolvedBackend> backend_refs;
  std::vector<std::optional<ResolvedRef>> filters;
  // False when an ExtensionRef filter of the rule did not resolve: every request the rule
  // matches must then get an error response rather than skip the filter.
  bool filters_usable = true;
};

// What the graph decided about one HTTPRoute's references and status. Immutable once built, and
// shared by every graph built while the route and what it depends on stay unchanged
// (GraphCache), so that an unchanged route costs no copy.
struct RouteResolution {
  std::vector<ResolvedRule> rules;  // one per spec.rules entry
  // One RouteParentStatus per parentRef naming a Gateway of one of Lintel's classes, or a
  // ListenerSet of such a Gateway, in
  // parentRef order; empty when the route names none (a writer then removes Lintel's entries).
  gw::RouteStatus status;
};

struct RouteNode {
  RouteNode(const gw::HTTPRoute* route, std::shared_ptr<const RouteResolution> resolution)
      : route(route), resolution(std::move(resolution)) {}
  RouteNode(const RouteNode& other) : RouteNode(other.route, other.resolution) {}

  const gw::HTTPRoute* route = nullptr;
  std::shared_ptr<const RouteResolution> resolution;  // never null
  // The resolution's parts, under the names every reader uses.
  const std::vector<ResolvedRule>& rules = resolution->rules;
  const gw::RouteStatus& status = resolution->status;
};

// An HTTPRoute attached to a listener.
struct AttachedRoute {
  std::size_t route = 0;  // index into Graph::http_routes
  // The route's hostnames on this listener (intersected with the listener's), sorted; "*"
  // when neither names one.
  std::vector<std::string> hostnames;
};

struct ListenerNode {
  const gw::Listener* spec = nullptr;
  bool accepted = false;
  // Whether the data plane serves this listener: accepted, its Gateway accepted, and (HTTPS)
  // every certificate resolved. Routes may be attached to a listener that is not programmed.
  bool programmed = false;
  // HTTPS: the Secrets of spec.tls.certificateRefs, in order, when every one resolved or has a
  // last usable version (GraphInput::last_usable_secrets).
  std::vector<const core::v1::Secret*> certificates;
  std::vector<AttachedRoute> routes;  // in Graph::http_routes order
};

struct GatewayNode {
  const gw::Gateway* gateway = nullptr;
  const gw::GatewayClass* gateway_class = nullptr;
  bool accepted = false;
  bool programmed = false;
  std::vector<ListenerNode> listeners;  // spec.listeners order; status.listeners lines up
  // The ListenerSets naming this Gateway as their parent (indexes into Graph::listener_sets), in
  // listener precedence order: oldest first, then by namespace/name.
  std::vector<std::size_t> listener_sets;
  gw::GatewayStatus status;
};

// A ListenerSet whose parentRef names a Gateway of Lintel's.
struct ListenerSetNode {
  const gw::ListenerSet* listener_set = nullptr;
  std::size_t gateway = 0;  // index into Graph::gateways
  // Accepted: allowed by the Gateway's allowedListeners, the Gateway accepted, and at least one
  // listener valid.
  bool accepted = false;
  bool programmed = false;
  std::vector<ListenerNode> listeners;  // spec.listeners order when allowed; status.listeners too
  gw::ListenerSetStatus status;
};

struct GatewayClassNode {
  const gw::GatewayClass* gateway_class = nullptr;
  bool accepted = false;
  gw::GatewayClassStatus status;
};

struct Graph {
  std::vector<GatewayClassNode> gateway_classes;  // Lintel's classes, by name
  std::vector<GatewayNode> gateways;              // Gateways of Lintel's classes, by namespace/name
  std::vector<ListenerSetNode> listener_sets;  // ListenerSets of those Gateways, by namespace/name
  std::vector<RouteNode> http_routes;          // every HTTPRoute, by namespace/name
};

class GraphCache;

// With a cache, the routes whose inputs have not changed since the cache's last build are taken
// from it rather than recomputed; the graph is the same as without one. The objects of that last
// build must still be alive.
Graph build_graph(const GraphInput& input, const GraphOptions& options,
                  GraphCache* cache = nullptr);

}  // namespace lintel::controller::graph
