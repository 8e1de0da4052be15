#pragma once

#include "graph.h"

namespace lintel::controller::graph {

// The status of a GatewayClass whose controllerName is Lintel's: Accepted, unless it has
// parametersRef (Lintel defines no parameters kind yet), and SupportedVersion.
GatewayClassNode check_gateway_class(const gw::GatewayClass& gateway_class);

}  // namespace lintel::controller::graph
