#pragma once

#include <string>

#include "checks.h"
#include "http_client.h"

namespace lintel::conformance {

// The request an `http`-shaped check sends (http, tlsRequestFails, weightedDistribution...),
// dialled at the Gateway listener's port after Lintel's offset. `unique_id` is appended to the
// path as the check's uniqueQueryParam (empty: none).
HttpRequest build_request(const Value& check, Environment& env, const std::string& unique_id);

// `path` with `name=value` appended to its query.
std::string with_query_parameter(const std::string& path, const std::string& name,
                                 const std::string& value);

}  // namespace lintel::conformance
