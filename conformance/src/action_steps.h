#pragma once

#include "checks.h"

namespace lintel::conformance {

// `action`: a change the test makes to the cluster (patch, delete, apply), then a wait until
// Lintel has read it.
CheckResult run_action(const Value& check, CaseState& state, Environment& env);
// `endTestIf`: ends the test, passed, when the implementation's declared features match.
CheckResult run_end_test_if(const Value& check, CaseState& state, Environment& env);
// `manual`: prose upstream's code does that the data cannot: not run, so the test fails.
CheckResult run_manual(const Value& check, CaseState& state, Environment& env);

}  // namespace lintel::conformance
