#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "graph.h"
#include "lookup.h"

namespace lintel::controller::graph {

// The ListenerSets (sorted by namespace/name) whose parentRef names one of `gateways` (found by
// namespace/name in `gateway_index`), checked; the others belong to no Gateway of Lintel's and are
// left out. Per Gateway, in listener precedence order (the Gateway's own listeners, then its
// ListenerSets oldest first, then by namespace/name): spec.allowedListeners decides (NotAllowed),
// the Gateway must be accepted (ParentNotAccepted), and each listener is checked like the
// Gateway's, conflicting with any listener of higher precedence. Each Gateway gets the indexes of
// its ListenerSets in that order and, when it opts in or is named, status.attachedListenerSets:
// how many are accepted. `certificate_time` is GraphOptions::certificate_time.
std::vector<ListenerSetNode> check_listener_sets(
    const std::vector<const gw::ListenerSet*>& listener_sets, std::vector<GatewayNode>& gateways,
    const std::map<std::pair<std::string, std::string>, std::size_t>& gateway_index,
    const Lookup& lookup, std::int64_t certificate_time);

}  // namespace lintel::controller::graph
