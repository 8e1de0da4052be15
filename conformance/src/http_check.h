#pragma once

#include "checks.h"

namespace lintel::conformance {

// `http`: one request, retried until it passes RequiredConsecutiveSuccesses times in a row
// within MaxTimeToConsistency (1 s pause after a failed attempt); with expectFailure, five
// non-200 answers in a row and never a 200.
CheckResult run_http_check(const Value& check, CaseState& state, Environment& env);

// `tlsRequestFails`: one HTTPS attempt that must end without any HTTP response.
CheckResult run_tls_request_fails(const Value& check, CaseState& state, Environment& env);

}  // namespace lintel::conformance
