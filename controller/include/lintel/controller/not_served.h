#pragma once

#include <string>
#include <vector>

#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"

namespace lintel::controller {

// What a Gateway API object asks for that the translator does not serve yet, one line per
// field, named for the user ("HTTPRoute zoo/alpaca spec.rules[0].filters: RequestRedirect"), so
// that it is reported and never silently ignored. The rest of the object is served.
std::vector<std::string> not_served(const gateway::v1::Gateway& gateway);
std::vector<std::string> not_served(const gateway::v1::HTTPRoute& route);

}  // namespace lintel::controller
