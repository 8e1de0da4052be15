#include "retry_policy.h"

#include <gtest/gtest.h>

#include "echo_retry.h"

namespace lintel::dataplane {
namespace {

using std::chrono::milliseconds;

RetryPolicy policy(std::initializer_list<std::uint32_t> codes, std::uint32_t attempts,
                   std::uint64_t backoff_ms) {
  snapshot::v1::RetryPolicy spec;
  for (const auto code : codes) spec.add_codes(code);
  spec.set_attempts(attempts);
  spec.set_backoff_ms(backoff_ms);
  return RetryPolicy::compile(spec);
}

TEST(RetryPolicy, RetriesOnlyTheListedCodes) {
  const auto retry = policy({500, 503, 429, 99, 600, 700}, 2, 25);
  EXPECT_TRUE(retry.retries_status(500));
  EXPECT_TRUE(retry.retries_status(503));
  EXPECT_TRUE(retry.retries_status(429));
  EXPECT_FALSE(retry.retries_status(502));
  EXPECT_FALSE(retry.retries_status(200));
  EXPECT_FALSE(retry.retries_status(99));
  EXPECT_FALSE(retry.retries_status(600));
  EXPECT_FALSE(retry.retries_status(0));
  EXPECT_EQ(retry.attempts(), 2u);
}

TEST(RetryPolicy, AttemptsAreBounded) {
  EXPECT_EQ(policy({500}, 1000000, 25).attempts(), 10u);
}

TEST(RetryPolicy, BackoffDoublesWithJitterNeverBelowTheBaseAndIsCapped) {
  const auto retry = policy({500}, 5, 100);
  for (std::uint64_t random : {0ull, 1ull, 37ull, 99ull, 100ull, 12345678901ull}) {
    const auto first = retry.backoff(1, random);
    EXPECT_GE(first, milliseconds(100));
    EXPECT_LE(first, milliseconds(200));
    const auto second = retry.backoff(2, random);
    EXPECT_GE(second, milliseconds(200));
    EXPECT_LE(second, milliseconds(400));
    const auto late = retry.backoff(9, random);
    EXPECT_GE(late, milliseconds(500));
    EXPECT_LE(late, milliseconds(1000));
  }
  EXPECT_NE(retry.backoff(1, 3), retry.backoff(1, 70));
  EXPECT_EQ(policy({500}, 1, 0).backoff(1, 42), milliseconds(0));
}

TEST(EchoRetry, FailsTheFirstAttemptsPerUuidThenEchoes) {
  RetryCounter counter;
  const std::string a = "/retry/x?uuid=a&succeedAfter=2&responseCode=503";
  EXPECT_EQ(counter.decide(a).kind, RetryDecision::Kind::kFailWithStatus);
  EXPECT_EQ(counter.decide(a).status, 503u);
  EXPECT_EQ(counter.decide("/retry/x?uuid=b&succeedAfter=1").kind, RetryDecision::Kind::kReset);
  EXPECT_EQ(counter.decide(a).kind, RetryDecision::Kind::kEcho);
  EXPECT_EQ(counter.decide("/retry/x?uuid=b&succeedAfter=1").kind, RetryDecision::Kind::kEcho);
  const auto delayed = counter.decide("/retry/x?uuid=c&succeedAfter=1&delayRetry=20ms");
  EXPECT_EQ(delayed.delay, std::chrono::milliseconds(20));
}

TEST(EchoRetry, NeedsUuidAndSucceedAfter) {
  RetryCounter counter;
  for (const char* bad : {"/retry/x", "/retry/x?uuid=a", "/retry/x?succeedAfter=1",
                          "/retry/x?uuid=a&succeedAfter=two", "/retry/x?uuid=&succeedAfter=1",
                          "/retry/x?uuid=a&succeedAfter=1&responseCode=5000"}) {
    EXPECT_EQ(counter.decide(bad).kind, RetryDecision::Kind::kBadRequest) << bad;
  }
}

}  // namespace
}  // namespace lintel::dataplane
