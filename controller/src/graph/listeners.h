#pragma once

#include <vector>

#include "graph.h"
#include "lookup.h"

namespace lintel::controller::graph {

struct CheckedListener {
  ListenerNode node;          // without routes
  gw::ListenerStatus status;  // attachedRoutes 0: routes are attached later
};

// Every listener of a Gateway, in order: protocol, route kinds, TLS and distinctness, as the
// Accepted, Programmed, ResolvedRefs, Conflicted and OverlappingTLSConfig conditions say. A
// listener is programmed only when `gateway_usable`: the Gateway is not refused as a whole.
// `certificate_time` is GraphOptions::certificate_time.
std::vector<CheckedListener> check_listeners(const gw::Gateway& gateway, bool gateway_usable,
                                             const Lookup& lookup, std::int64_t certificate_time);

// Whether a listener's status lists HTTPRoute among its supportedKinds.
bool supports_http_routes(const gw::ListenerStatus& status);

}  // namespace lintel::controller::graph
