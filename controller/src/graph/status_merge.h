#pragma once

#include <string_view>

#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/listener_set.pb.h"
#include "lintel/gateway/v1/shared.pb.h"

// What the status writer stores: the graph's fresh status merged into what the object has, so
// that transition times survive and other controllers' entries are left alone.
namespace lintel::controller::graph {

gateway::v1::GatewayClassStatus merge_gateway_class_status(
    const gateway::v1::GatewayClassStatus& previous, const gateway::v1::GatewayClassStatus& next,
    std::string_view now);

// Listeners are matched by name; addresses are the fresh ones.
gateway::v1::GatewayStatus merge_gateway_status(const gateway::v1::GatewayStatus& previous,
                                                const gateway::v1::GatewayStatus& next,
                                                std::string_view now);

// Listeners are matched by name, as for Gateways.
gateway::v1::ListenerSetStatus merge_listener_set_status(
    const gateway::v1::ListenerSetStatus& previous, const gateway::v1::ListenerSetStatus& next,
    std::string_view now);

// Parent entries of other controllers stay as they were, in front; Lintel's are replaced by
// `next` (whose entries are all Lintel's), each keeping the transition times of the previous
// entry for the same parentRef.
gateway::v1::RouteStatus merge_route_status(const gateway::v1::RouteStatus& previous,
                                            const gateway::v1::RouteStatus& next,
                                            std::string_view controller_name, std::string_view now);

}  // namespace lintel::controller::graph
