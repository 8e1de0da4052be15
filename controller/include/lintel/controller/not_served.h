#pragma once

#include <string>
#include <vector>

#include "lintel/api/schema_object.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/gateway/v1/listener_set.pb.h"

namespace lintel::controller {

// What a Gateway API object asks for that Lintel does not serve yet, one line per field, named
// for the user ("HTTPRoute zoo/alpaca spec.rules[0].filters[1]: CORS"), so that it is reported
// and never silently ignored. The rest of the object is served; where skipping a field would let
// requests through that its owner means to stop, the line says that they are answered 500.
std::vector<std::string> not_served(const gateway::v1::Gateway& gateway);
std::vector<std::string> not_served(const gateway::v1::ListenerSet& listener_set);
std::vector<std::string> not_served(const gateway::v1::HTTPRoute& route);

// Any object of the schema: a Gateway's, ListenerSet's or HTTPRoute's lines, or one line for an
// object of a kind Lintel neither serves nor reads (GRPCRoute, TCPRoute, ...).
std::vector<std::string> not_served(const api::SchemaObject& object);

}  // namespace lintel::controller
