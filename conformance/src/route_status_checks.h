#pragma once

#include <optional>
#include <string>

#include "checks.h"

namespace lintel::conformance {

// Status checks about routes and policies and their parents (reference README, "Status
// checks"), read from Lintel's /status.
CheckResult run_gateway_and_routes_accepted(const Value& check, CaseState& state, Environment& env);
CheckResult run_routes_and_parent_accepted(const Value& check, CaseState& state, Environment& env);
CheckResult run_route_condition(const Value& check, CaseState& state, Environment& env);
CheckResult run_route_parents(const Value& check, CaseState& state, Environment& env);
CheckResult run_route_has_no_accepted_parents(const Value& check, CaseState& state,
                                              Environment& env);
CheckResult run_policy_condition(const Value& check, CaseState& state, Environment& env);

// Every listener in a Gateway's or ListenerSet's status carries `conditions`;
// `names` (a list, or null for every listener) must all be present.
std::optional<std::string> listeners_have(const Value& status, const Value& names,
                                          const Value& conditions);

}  // namespace lintel::conformance
