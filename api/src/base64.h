#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lintel::api::detail {

// Standard base64 with padding, as Kubernetes writes bytes fields (Secret data, kubeconfig
// *-data); nullopt with `bad_at` at the first byte that is not, as Go's decoder reports it.
std::optional<std::string> decode_base64(std::string_view text, size_t& bad_at);

}  // namespace lintel::api::detail
