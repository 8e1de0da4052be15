#pragma once

#include <cstdint>
#include <random>

namespace lintel::dataplane {

// xoshiro256**: a few cycles per number and no shared state, so each worker owns one and the
// request path never touches a lock. Not for secrets; good for weights and request ids.
class FastRandom {
 public:
  FastRandom() {
    std::random_device device;
    for (auto& word : state_) {
      word = (static_cast<std::uint64_t>(device()) << 32) ^ device();
      if (word == 0) word = 0x9E3779B97F4A7C15ULL;
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = rotate(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotate(state_[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotate(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4];
};

}  // namespace lintel::dataplane
