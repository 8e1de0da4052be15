#pragma once

#include <optional>
#include <string>

#include "checks.h"
#include "http_client.h"
#include "value.h"

namespace lintel::conformance {

// Compares one response with an `http` check, by upstream's rules (reference README, "http"):
// status codes, then, on 200/204, the echoed backend and request and the response headers,
// and on a redirect the Location. `backend_path` is backendRequest.path with any unique query
// parameter appended. Nothing when the response passes.
std::optional<CheckResult> compare_http(const Value& check, const HttpRequest& sent,
                                        const HttpResponse& got, const std::string& backend_path);

// "GET example.org/path": how a request is named in failure messages.
std::string describe(const HttpRequest& request);

}  // namespace lintel::conformance
