#include "retry_policy.h"

#include <algorithm>

namespace lintel::dataplane {
namespace {

// Far more than any route should ask for; keeps a typo from making one request a flood.
constexpr std::uint32_t kMaxAttempts = 10;
constexpr std::uint64_t kMaxBackoffMs = 60 * 1000;

}  // namespace

RetryPolicy RetryPolicy::compile(const snapshot::v1::RetryPolicy& spec) {
  RetryPolicy out;
  for (const std::uint32_t code : spec.codes()) {
    if (code >= kFirstCode && code < kFirstCode + kCodes) out.codes_.set(code - kFirstCode);
  }
  out.attempts_ = std::min(spec.attempts(), kMaxAttempts);
  out.base_ = std::chrono::milliseconds(std::min(spec.backoff_ms(), kMaxBackoffMs));
  return out;
}

std::chrono::milliseconds RetryPolicy::backoff(std::uint32_t retry, std::uint64_t random) const {
  const std::uint64_t base = static_cast<std::uint64_t>(base_.count());
  if (base == 0) return std::chrono::milliseconds(0);
  const std::uint32_t doublings = std::min<std::uint32_t>(std::max<std::uint32_t>(retry, 1), 4);
  const std::uint64_t ceiling = std::min(base << doublings, base * 10);
  const std::uint64_t half = ceiling / 2;
  return std::chrono::milliseconds(ceiling - half + random % (half + 1));
}

}  // namespace lintel::dataplane
