#pragma once

#include <cstddef>

#include "lintel/gateway/v1/http_route.pb.h"

namespace lintel::controller {

// One match of one rule of one route, as the precedence rules see it.
struct RouteMatchRef {
  const gateway::v1::HTTPRoute* route = nullptr;
  size_t rule_index = 0;
  size_t match_index = 0;
  const gateway::v1::HTTPRouteMatch* match = nullptr;
};

// Gateway API's HTTPRouteRule precedence, for matches that share a hostname:
//  1. an Exact path before a PathPrefix, a PathPrefix before a RegularExpression (Lintel's
//     place for the implementation-specific kind); longer paths first within a kind;
//  2. a method match before none;
//  3. more header matches first; 4. more query parameter matches first;
//  5. the older route first (creation time; routes that have none come after those that do);
//  6. namespace/name alphabetically; 7. rule order, then match order within the route.
// The data plane trusts this order; it never re-decides it.
bool takes_precedence(const RouteMatchRef& a, const RouteMatchRef& b);

}  // namespace lintel::controller
