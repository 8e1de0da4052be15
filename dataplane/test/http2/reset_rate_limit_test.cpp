#include "http2/reset_rate_limit.h"

#include <gtest/gtest.h>

namespace lintel::dataplane::http2 {
namespace {

using namespace std::chrono_literals;

TEST(ResetRateLimit, AllowsUpToTheBoundInOneWindow) {
  ResetRateLimit limit(3, 10s);
  const auto start = ResetRateLimit::Clock::time_point{} + 1h;
  EXPECT_FALSE(limit.record(start));
  EXPECT_FALSE(limit.record(start + 1s));
  EXPECT_FALSE(limit.record(start + 2s));
  EXPECT_TRUE(limit.record(start + 3s));
}

TEST(ResetRateLimit, ANewWindowStartsAfresh) {
  ResetRateLimit limit(2, 10s);
  const auto start = ResetRateLimit::Clock::time_point{} + 1h;
  EXPECT_FALSE(limit.record(start));
  EXPECT_FALSE(limit.record(start + 1s));
  EXPECT_FALSE(limit.record(start + 11s));
  EXPECT_FALSE(limit.record(start + 12s));
  EXPECT_TRUE(limit.record(start + 13s));
}

}  // namespace
}  // namespace lintel::dataplane::http2
