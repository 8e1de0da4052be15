#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lintel::dataplane {

// What the echo server's `/retry/` endpoint does with one request, as echo-basic v1.6 does:
// `?uuid=U&succeedAfter=N[&responseCode=C][&delayRetry=D]` fails the first N requests it sees
// for U, with status C or, without one, by resetting the connection, each after waiting D; later
// requests for U are echoed. Without uuid or a valid succeedAfter the answer is 400.
struct RetryDecision {
  enum class Kind { kEcho, kFailWithStatus, kReset, kBadRequest };
  Kind kind = Kind::kEcho;
  unsigned status = 0;                // kFailWithStatus
  std::chrono::nanoseconds delay{0};  // before failing
};

// Counts requests per uuid for every connection of one echo server (its workers share it).
class RetryCounter {
 public:
  RetryDecision decide(std::string_view target);

 private:
  // Far more uuids than any test run makes; reaching it forgets them all rather than grow.
  static constexpr std::size_t kMaxUuids = 100000;
  std::mutex mutex_;
  std::unordered_map<std::string, unsigned> seen_;
};

}  // namespace lintel::dataplane
