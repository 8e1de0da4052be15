#pragma once

#include <string>

#include "value.h"

namespace lintel::conformance {

// Block-style YAML for one document (lists not indented under their key, as kubectl writes).
// Plain scalars are written plain, quoted ones double-quoted, so types survive a round trip.
std::string emit_yaml(const Value& document);

}  // namespace lintel::conformance
