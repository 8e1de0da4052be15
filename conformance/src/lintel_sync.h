#pragma once

#include <string>

#include "checks.h"

namespace lintel::conformance {

// After the cluster changed: starts or stops pods and rewrites EndpointSlices for it, then
// waits until Lintel has read the folder as it now is. False with `error` when a pod cannot
// start or Lintel did not reload in time (the run goes on; checks retry anyway).
bool sync_lintel(Environment& env, std::string& error);

}  // namespace lintel::conformance
