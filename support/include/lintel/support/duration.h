#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace lintel::support {

// A Gateway API Duration ("10s", "500ms", "1h2m"), as CEL's duration() reads it, in
// milliseconds: whole numbers followed by h, m, s or ms, one or more times. Anything else
// gives nullopt.
std::optional<std::int64_t> gateway_duration_ms(std::string_view text);

}  // namespace lintel::support
