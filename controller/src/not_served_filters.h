#pragma once

#include <string>
#include <vector>

#include "lintel/gateway/v1/http_route.pb.h"

namespace lintel::controller {

// "field[i]", as not_served() names list entries.
std::string indexed(const std::string& field, int i);

using RouteFilters = google::protobuf::RepeatedPtrField<gateway::v1::HTTPRouteFilter>;

// The lines of not_served() for the filters of a rule and of a backendRef; `where` names the
// list ("HTTPRoute zoo/alpaca spec.rules[0].filters").
void not_served_rule_filters(const RouteFilters& filters, const std::string& where,
                             std::vector<std::string>& out);
void not_served_backend_filters(const RouteFilters& filters, const std::string& where,
                                std::vector<std::string>& out);

}  // namespace lintel::controller
