#pragma once

#include "graph.h"
#include "lookup.h"

namespace lintel::controller::graph {

// A Gateway of one of Lintel's classes with its listeners checked and its conditions: Accepted
// (False when its class is not accepted, for infrastructure.parametersRef, for an address type
// Lintel cannot honour, or when no listener is valid) and Programmed. Listeners' attachedRoutes
// are left at 0 for route attachment to count.
GatewayNode check_gateway(const gw::Gateway& gateway, const GatewayClassNode& gateway_class,
                          const Lookup& lookup, const GraphOptions& options);

}  // namespace lintel::controller::graph
