#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lintel/gateway/v1/gateway.pb.h"
#include "problem.h"

namespace lintel::controller::graph {

// One of the listeners served on a Gateway, with the object that declares it. The Gateway's own
// listeners have rank 0, its ListenerSets' 1, 2, ... in listener precedence order.
struct RankedListener {
  const gateway::v1::Listener* listener = nullptr;
  std::size_t rank = 0;
  std::string owner;  // "Gateway ns/name" or "ListenerSet ns/name", for messages
};

// The listeners of `listeners` that are not distinct, each with its reason (ProtocolConflict or
// HostnameConflict); nullopt for distinct ones. One entry per listener, in order. Listeners of
// one object conflict with each other alike; across objects only the one of lower precedence
// (higher rank) is conflicted, so that a ListenerSet never takes a port or hostname from its
// Gateway or from an older ListenerSet. A listener whose protocol Lintel does not serve is never
// accepted, so it takes no port from any other; but it is in conflict (ProtocolConflict) with a
// listener of higher precedence on its port (conformance ListenerSetProtocolConflict).
std::vector<std::optional<Problem>> listener_conflicts(
    const std::vector<RankedListener>& listeners);

// HTTPS listeners sharing a port whose hostnames overlap (one wildcard covers the other), which
// connection coalescing can confuse; the OverlappingTLSConfig reason (OverlappingHostnames) for
// each such listener, nullopt for the others, with the same precedence as conflicts. Listeners
// without a hostname are left out: they are the port's fallback, not a competing certificate for
// one name.
std::vector<std::optional<Problem>> overlapping_tls(const std::vector<RankedListener>& listeners);

}  // namespace lintel::controller::graph
