#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "graph.h"
#include "lintel/meta/v1/meta.pb.h"
#include "lookup.h"

namespace lintel::controller::graph {

struct ListenerAttachment {
  std::size_t listener = 0;  // index into GatewayNode::listeners
  std::vector<std::string> hostnames;
};

struct ParentAttachment {
  std::vector<ListenerAttachment> listeners;  // empty when the Gateway did not accept the route
  meta::v1::Condition accepted;               // the route's Accepted condition for this parent
};

// Attaches a route through one parentRef to the Gateway it names. The listeners the parentRef
// selects (sectionName, port; NoMatchingParent when none) must allow the route's namespace and
// kind (NotAllowedByListeners) and share a hostname with it (NoMatchingListenerHostname). A
// listener's own validity does not matter: Gateway API counts routes on listeners that are not
// accepted too. A Gateway that is not accepted for itself (class, parameters, addresses) takes no
// routes.
ParentAttachment attach_route(const gw::HTTPRoute& route, const gw::ParentReference& parent_ref,
                              const GatewayNode& gateway, const Lookup& lookup);

}  // namespace lintel::controller::graph
