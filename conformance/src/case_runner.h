#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks.h"

namespace lintel::conformance {

struct TestResult {
  enum class Verdict { kPass, kFail, kSkip };
  std::string name;
  Verdict verdict = Verdict::kSkip;
  std::string skip_reason;
  std::optional<CheckResult> first_failure;       // in the order of the checks
  std::optional<CheckResult> first_real_failure;  // the first that is not "no status yet"
  int checks = 0;  // checks run (a fatal failure or endTestIf leaves the rest unrun)
  int passed = 0;
  // Every check that exercises the data plane passed; only status reporting is missing.
  bool traffic_ok = false;
  std::vector<std::string> lintel_notes;  // what Lintel said about the test's objects
  double seconds = 0;
};

// Applies the case's manifests, runs its checks in order (subtests of consecutive traffic
// checks side by side, as upstream runs table subtests in parallel), and removes what it
// applied.
TestResult run_case(const Case& test, Environment& env, const std::string& gateway_class);

}  // namespace lintel::conformance
