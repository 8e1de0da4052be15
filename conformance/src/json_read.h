#pragma once

#include <string>
#include <string_view>

#include "value.h"

namespace lintel::conformance {

// Parses one JSON text (RFC 8259). Strings become quoted scalars, numbers and literals plain
// ones. False with `error` (offset and what was expected) on malformed input.
bool parse_json(std::string_view text, Value& out, std::string& error);

}  // namespace lintel::conformance
