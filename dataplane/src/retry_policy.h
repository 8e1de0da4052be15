#pragma once

#include <bitset>
#include <chrono>
#include <cstdint>

#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane {

// Gateway API's HTTPRouteRetry, compiled once per route (snapshot.proto's RetryPolicy says what
// is retried and when).
class RetryPolicy {
 public:
  static RetryPolicy compile(const snapshot::v1::RetryPolicy& spec);

  std::uint32_t attempts() const { return attempts_; }  // retries after the first attempt
  bool retries_status(unsigned status) const {
    return status >= kFirstCode && status < kFirstCode + kCodes && codes_.test(status - kFirstCode);
  }

  // The wait before retry number `retry` (1 for the first): a random point (from `random`) in
  // the upper half of the base doubled once per retry, capped at ten times the base, so the
  // first waits 1-2 times the base, the second 2-4, and never less than the base. The jitter
  // keeps clients that failed together from coming back together.
  std::chrono::milliseconds backoff(std::uint32_t retry, std::uint64_t random) const;

 private:
  static constexpr unsigned kFirstCode = 400;
  static constexpr unsigned kCodes = 200;
  std::bitset<kCodes> codes_;
  std::uint32_t attempts_ = 0;
  std::chrono::milliseconds base_{0};
};

}  // namespace lintel::dataplane
