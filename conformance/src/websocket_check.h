#pragma once

#include "checks.h"

namespace lintel::conformance {

// `websocket`: open a WebSocket through the Gateway, send each frame of the exchange and read
// the echo; repeated until it works RequiredConsecutiveSuccesses times in a row.
CheckResult run_websocket(const Value& check, CaseState& state, Environment& env);

}  // namespace lintel::conformance
