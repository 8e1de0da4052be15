// The test client itself: a server that never answers fails a read in bounded time.

#include "test_http_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <utility>

namespace lintel::dataplane {
namespace {

using testing::tcp;
using testing::TestConnection;

TEST(TestConnection, ASilentServerTimesTheReadOutInsteadOfHangingIt) {
  boost::asio::io_context io;
  // Listens (the kernel completes the handshake) but never accepts nor answers.
  tcp::acceptor silent(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  TestConnection connection(silent.local_endpoint().port(), std::chrono::milliseconds(200));
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.write_raw("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
  const auto started = std::chrono::steady_clock::now();
  const auto response = connection.read();
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("timed out"), std::string::npos) << response.error;
  EXPECT_FALSE(connection.closed_by_peer());
  EXPECT_GE(waited, std::chrono::milliseconds(200));
  EXPECT_LT(waited, std::chrono::seconds(5));
}

}  // namespace
}  // namespace lintel::dataplane
