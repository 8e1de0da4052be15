#include "translate_retry.h"

#include <algorithm>

#include "lintel/support/duration.h"

namespace lintel::controller {

namespace {
constexpr std::int64_t kDefaultAttempts = 1;
constexpr std::int64_t kDefaultBackoffMs = 25;
}  // namespace

snapshot::v1::RetryPolicy retry_policy(const gateway::v1::HTTPRouteRetry& retry) {
  snapshot::v1::RetryPolicy out;
  for (const std::int64_t code : retry.codes()) {
    if (code >= 400 && code <= 599) out.add_codes(static_cast<std::uint32_t>(code));
  }
  const std::int64_t attempts = retry.has_attempts() ? retry.attempts() : kDefaultAttempts;
  out.set_attempts(static_cast<std::uint32_t>(std::clamp<std::int64_t>(attempts, 0, 1000)));
  const auto backoff = retry.has_backoff() ? support::gateway_duration_ms(retry.backoff())
                                           : std::optional<std::int64_t>(kDefaultBackoffMs);
  out.set_backoff_ms(
      static_cast<std::uint64_t>(std::max<std::int64_t>(backoff.value_or(kDefaultBackoffMs), 0)));
  return out;
}

}  // namespace lintel::controller
