#pragma once

#include <string_view>

#include "asio_beast.h"
#include "filters/cors.h"
#include "filters/header_modifier.h"

namespace lintel::dataplane::filters {

// The request headers a CORS preflight answer depends on ("" when absent).
struct PreflightRequest {
  std::string_view origin;
  std::string_view request_method;   // Access-Control-Request-Method
  std::string_view request_headers;  // Access-Control-Request-Headers
};

// The proxy's own answer to a preflight on a route with a CORS filter: 204 with the CORS headers
// when the origin is allowed, 204 without them otherwise (Gateway API allows 200 or 204; the
// browser then refuses the actual request itself). The route's response header filter applies
// to it as to every answer of the route.
http::response<http::empty_body> cors_preflight_answer(const Cors& cors,
                                                       const PreflightRequest& request,
                                                       unsigned version, bool keep_alive,
                                                       const HeaderModifier& response_headers);

}  // namespace lintel::dataplane::filters
