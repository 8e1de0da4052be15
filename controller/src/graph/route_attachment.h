#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "conditions.h"
#include "graph.h"
#include "lintel/meta/v1/meta.pb.h"
#include "lookup.h"

namespace lintel::controller::graph {

// What a route attaches to through a parentRef: a Gateway, or a ListenerSet, with its listeners.
struct RouteParent {
  std::string name;        // "Gateway ns/name" or "ListenerSet ns/name", for messages
  std::string namespace_;  // the namespace allowedRoutes "Same" means
  // Set when the parent takes no routes for a reason of its own rather than because of its
  // listeners (such a parent serves nothing): why.
  std::optional<std::string> refusal;
  const std::vector<ListenerNode>* listeners = nullptr;
  const google::protobuf::RepeatedPtrField<gw::ListenerStatus>* statuses = nullptr;  // lines up
};

// Whether an object (Gateway, ListenerSet) is refused for a reason of its own rather than because
// of its listeners, as its Accepted condition says.
bool refused_for_itself(const Conditions& conditions);

RouteParent route_parent(const GatewayNode& gateway);
RouteParent route_parent(const ListenerSetNode& listener_set);

struct ListenerAttachment {
  std::size_t listener = 0;  // index into the parent's listeners
  std::vector<std::string> hostnames;
};

struct ParentAttachment {
  std::vector<ListenerAttachment> listeners;  // empty when the Gateway did not accept the route
  meta::v1::Condition accepted;               // the route's Accepted condition for this parent
};

// Attaches a route through one parentRef to the Gateway or ListenerSet it names; only that
// object's own listeners are candidates. The listeners the parentRef selects (sectionName, port;
// NoMatchingParent when none) must allow the route's namespace and kind (NotAllowedByListeners)
// and share a hostname with it (NoMatchingListenerHostname). A listener's own validity does not
// matter: Gateway API counts routes on listeners that are not accepted too. A parent that refuses
// routes (NoMatchingParent) takes none.
ParentAttachment attach_route(const gw::HTTPRoute& route, const gw::ParentReference& parent_ref,
                              const RouteParent& parent, const Lookup& lookup);

}  // namespace lintel::controller::graph
