#pragma once

#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// A rule's CORS filter as the snapshot carries it (snapshot.proto's CorsPolicy); maxAge
// defaults to 5 seconds, as Gateway API's schema does.
snapshot::v1::CorsPolicy cors_policy(const gateway::v1::HTTPCORSFilter& filter);

}  // namespace lintel::controller
