#include "http2/h2c_upgrade.h"

#include <gtest/gtest.h>

#include <string>

namespace lintel::dataplane::http2 {
namespace {

// Parses `head_text` and asks for its upgrade settings.
std::optional<std::string> settings_of(const std::string& head_text) {
  http1::RequestParser parser;
  EXPECT_EQ(parser.parse(head_text).status, http1::ParseStatus::kComplete) << head_text;
  return h2c_upgrade_settings(parser.head());
}

TEST(DecodeBase64url, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(decode_base64url("aGk"), "hi");
  EXPECT_EQ(decode_base64url("aGk="), "hi");
  EXPECT_EQ(decode_base64url(""), "");
  EXPECT_EQ(decode_base64url("-_8"), std::string("\xfb\xff", 2));
}

TEST(DecodeBase64url, RefusesOtherAlphabetsAndBadLengths) {
  EXPECT_FALSE(decode_base64url("+/8"));
  EXPECT_FALSE(decode_base64url("a"));
  EXPECT_FALSE(decode_base64url("a b"));
}

TEST(H2cUpgrade, CurlsRequestIsTakenUp) {
  // SETTINGS_MAX_CONCURRENT_STREAMS 100, SETTINGS_INITIAL_WINDOW_SIZE 1 GiB, as curl sends.
  const auto settings = settings_of(
      "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
      "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n");
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->size(), 18u);
}

TEST(H2cUpgrade, DeclinedWithoutHttp2SettingsInConnection) {
  EXPECT_FALSE(
      settings_of("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n"
                  "HTTP2-Settings: AAMAAABk\r\n\r\n"));
}

TEST(H2cUpgrade, DeclinedWithABody) {
  EXPECT_FALSE(settings_of(
      "POST / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
      "HTTP2-Settings: AAMAAABk\r\nContent-Length: 1\r\n\r\n"));
}

TEST(H2cUpgrade, DeclinedWithSettingsThatAreNotWholeEntries) {
  EXPECT_FALSE(
      settings_of("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                  "Upgrade: h2c\r\nHTTP2-Settings: AAMA\r\n\r\n"));
}

TEST(H2cUpgrade, AWebSocketUpgradeIsNotH2c) {
  http1::RequestParser parser;
  ASSERT_EQ(parser
                .parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                       "\r\n")
                .status,
            http1::ParseStatus::kComplete);
  EXPECT_FALSE(asks_for_h2c(parser.head()));
  EXPECT_FALSE(h2c_upgrade_settings(parser.head()));
}

}  // namespace
}  // namespace lintel::dataplane::http2
