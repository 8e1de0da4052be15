#pragma once

#include <string>

#include "value.h"

namespace lintel::conformance {

// Applies a JSON Patch (RFC 6902: add, remove, replace, test) to `document` in place; on the
// first operation that cannot apply, returns false with `error` and leaves the document as the
// operations before it left it.
bool apply_json_patch(Value& document, const Value& patch, std::string& error);

}  // namespace lintel::conformance
