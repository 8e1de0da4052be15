#pragma once

#include <string_view>

namespace lintel::crdgen {

// Gateway API's two release channels: experimental carries the fields and kinds marked
// `experimental` in the schema, standard leaves them out.
enum class Channel { kStandard, kExperimental };

inline constexpr Channel kChannels[] = {Channel::kStandard, Channel::kExperimental};

constexpr std::string_view channel_name(Channel channel) {
  return channel == Channel::kStandard ? "standard" : "experimental";
}

}  // namespace lintel::crdgen
