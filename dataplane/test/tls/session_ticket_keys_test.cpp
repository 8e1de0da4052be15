#include "tls/session_ticket_keys.h"

#include <gtest/gtest.h>

namespace lintel::dataplane::tls {
namespace {

TEST(SessionTicketKeys, RotatesAndAcceptsThePreviousKeyForOnePeriod) {
  auto now = SessionTicketKeys::Clock::time_point{};
  SessionTicketKeys keys(std::chrono::hours(1), [&now] { return now; });
  const auto first = keys.current();
  EXPECT_EQ(keys.current().name, first.name);
  ASSERT_TRUE(keys.find(first.name.data()));
  EXPECT_TRUE(keys.find(first.name.data())->second);  // current

  now += std::chrono::minutes(61);
  const auto second = keys.current();
  EXPECT_NE(second.name, first.name);
  ASSERT_TRUE(keys.find(first.name.data()));
  EXPECT_FALSE(keys.find(first.name.data())->second);  // previous: to be renewed
  EXPECT_EQ(keys.find(first.name.data())->first.cipher_key, first.cipher_key);

  now += std::chrono::minutes(61);
  EXPECT_FALSE(keys.find(first.name.data()));
  EXPECT_TRUE(keys.find(second.name.data()));
}

TEST(SessionTicketKeys, AfterALongIdleSpellNoOldKeyIsAccepted) {
  auto now = SessionTicketKeys::Clock::time_point{};
  SessionTicketKeys keys(std::chrono::hours(1), [&now] { return now; });
  const auto first = keys.current();
  now += std::chrono::hours(5);
  EXPECT_FALSE(keys.find(first.name.data()));
  EXPECT_NE(keys.current().name, first.name);
}

}  // namespace
}  // namespace lintel::dataplane::tls
