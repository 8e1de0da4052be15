#pragma once

#include <optional>
#include <vector>

#include "lintel/gateway/v1/gateway.pb.h"
#include "problem.h"

namespace lintel::controller::graph {

// The Listeners of a Gateway that are not distinct, each with its reason (ProtocolConflict or
// HostnameConflict); nullopt for distinct ones. One entry per listener, in order. Only listeners
// whose protocol Lintel serves take part: the others are never accepted, so they conflict with
// nothing.
std::vector<std::optional<Problem>> listener_conflicts(const gateway::v1::Gateway& gateway);

// HTTPS listeners sharing a port whose hostnames overlap (one wildcard covers the other), which
// connection coalescing can confuse; the OverlappingTLSConfig reason (OverlappingHostnames) for
// each such listener, nullopt for the others. Listeners without a hostname are left out: they
// are the port's fallback, not a competing certificate for one name.
std::vector<std::optional<Problem>> overlapping_tls(const gateway::v1::Gateway& gateway);

}  // namespace lintel::controller::graph
