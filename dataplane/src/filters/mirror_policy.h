#pragma once

#include <cstdint>

namespace lintel::dataplane {
struct CompiledCluster;
}

namespace lintel::dataplane::filters {

// One RequestMirror filter: where copies go and what share of requests is copied.
struct MirrorPolicy {
  const CompiledCluster* cluster = nullptr;
  std::uint32_t numerator = 0;
  std::uint32_t denominator = 0;  // 0: every request

  // Whether the request drawing `random` (uniform over 64 bits) is mirrored.
  bool sampled(std::uint64_t random) const {
    if (denominator == 0 || numerator >= denominator) return true;
    return random % denominator < numerator;
  }
};

}  // namespace lintel::dataplane::filters
