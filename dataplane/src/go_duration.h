#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace lintel::dataplane {

// Parses a Go duration string ("500ms", "1s", "1.5s", "1m30s", "250us"); negative or
// malformed input gives nullopt. The echo server's `delay` parameter speaks this format
// because the conformance suite writes it.
std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text);

}  // namespace lintel::dataplane
