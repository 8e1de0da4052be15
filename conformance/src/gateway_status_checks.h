#pragma once

#include "checks.h"

namespace lintel::conformance {

// Status checks about Gateways, ListenerSets, GatewayClasses and generations (reference
// README, "Status checks"), read from Lintel's /status.
CheckResult run_gateway_condition(const Value& check, CaseState& state, Environment& env);
CheckResult run_gateway_listeners(const Value& check, CaseState& state, Environment& env);
CheckResult run_gateway_listener_conditions(const Value& check, CaseState& state, Environment& env);
CheckResult run_gateway_attached_listener_sets(const Value& check, CaseState& state,
                                               Environment& env);
CheckResult run_gateway_has_zero_routes(const Value& check, CaseState& state, Environment& env);
CheckResult run_gateway_has_address(const Value& check, CaseState& state, Environment& env);
CheckResult run_gateway_class_accepted(const Value& check, CaseState& state, Environment& env);
CheckResult run_namespaces_ready(const Value& check, CaseState& state, Environment& env);
CheckResult run_observed_generation_current(const Value& check, CaseState& state, Environment& env);
CheckResult run_generation_changed(const Value& check, CaseState& state, Environment& env);

}  // namespace lintel::conformance
