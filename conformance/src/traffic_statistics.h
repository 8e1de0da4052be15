#pragma once

#include "checks.h"

namespace lintel::conformance {

// `weightedDistribution` (HTTP): shares of answering backends within the tolerance of the
// weights, in one of up to maxAttempts rounds.
CheckResult run_weighted_distribution(const Value& check, CaseState& state, Environment& env);

// `backendFilterConsistency`: every reply's Backend request header names the pod that served.
CheckResult run_backend_filter_consistency(const Value& check, CaseState& state, Environment& env);

// `mirroredRequestLogged`: each mirror backend logged the subtest's request.
CheckResult run_mirrored_request_logged(const Value& check, CaseState& state, Environment& env);

// `mirrorPercentage`: mirrored share of each round within the accepted binomial band.
CheckResult run_mirror_percentage(const Value& check, CaseState& state, Environment& env);

}  // namespace lintel::conformance
