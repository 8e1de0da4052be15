#pragma once

#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// A rule's retry as the snapshot carries it (snapshot.proto's RetryPolicy). Where Gateway API
// leaves the choice to the implementation: no `attempts` means one retry, no `backoff` a base
// of 25 ms. Codes outside 400-599 (the schema's range) are left out.
snapshot::v1::RetryPolicy retry_policy(const gateway::v1::HTTPRouteRetry& retry);

}  // namespace lintel::controller
