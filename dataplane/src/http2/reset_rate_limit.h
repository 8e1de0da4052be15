#pragma once

#include <chrono>
#include <cstdint>

namespace lintel::dataplane::http2 {

// Counts the streams a client resets (RST_STREAM) on one connection. Past `max_resets` in one
// `window`, the client is resetting streams faster than any browser cancels requests: the
// "rapid reset" attack of CVE-2023-44487, where every request started and reset at once costs
// the server work and an upstream request while the client pays almost nothing.
class ResetRateLimit {
 public:
  using Clock = std::chrono::steady_clock;

  ResetRateLimit(std::uint32_t max_resets, Clock::duration window)
      : max_resets_(max_resets), window_(window) {}

  // Records one reset at `now`; true when the connection is over the bound.
  bool record(Clock::time_point now) {
    if (count_ == 0 || now - window_start_ >= window_) {
      window_start_ = now;
      count_ = 0;
    }
    ++count_;
    return count_ > max_resets_;
  }

 private:
  std::uint32_t max_resets_;
  Clock::duration window_;
  Clock::time_point window_start_{};
  std::uint32_t count_ = 0;
};

}  // namespace lintel::dataplane::http2
