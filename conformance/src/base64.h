#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lintel::conformance {

// Standard base64 with padding, as Kubernetes Secret data is encoded.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace lintel::conformance
