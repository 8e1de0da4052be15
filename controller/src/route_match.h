#pragma once

#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// The match the schema gives a rule that lists none: every path.
const gateway::v1::HTTPRouteMatch& default_match();

// Copies an HTTPRoute match (path, headers, query parameters, method) onto a snapshot route.
void set_match(const gateway::v1::HTTPRouteMatch& match, snapshot::v1::Route& route);

}  // namespace lintel::controller
