// A request head that does not arrive in time gets 408 and a close; an idle connection between
// requests is closed without an answer.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "apply_on_free_port.h"
#include "lintel/dataplane/proxy_server.h"
#include "one_route_snapshot.h"
#include "raw_upstream.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

using Clock = std::chrono::steady_clock;
using testing::TestConnection;

struct HeaderTimeoutFixture : ::testing::Test {
  void SetUp() override {
    ProxyOptions options;
    options.bind_address = "127.0.0.1";
    options.workers = 1;
    options.request_header_timeout = std::chrono::milliseconds(300);
    options.client_idle_timeout = std::chrono::milliseconds(1500);
    options.shutdown_grace = std::chrono::milliseconds(100);
    proxy = ProxyServer::create(options);
    std::string error;
    port = testing::apply_on_free_port(
        *proxy,
        [&](std::uint16_t free) {
          return testing::one_route_snapshot(free, "raw", upstream.port());
        },
        error);
    ASSERT_NE(port, 0) << error;
  }
  void TearDown() override {
    if (proxy) proxy->stop();
  }
  testing::RawUpstream upstream;
  std::unique_ptr<ProxyServer> proxy;
  std::uint16_t port = 0;
};

TEST_F(HeaderTimeoutFixture, AnUnfinishedHeadGets408AndAClose) {
  TestConnection connection(port);
  const auto started = Clock::now();
  ASSERT_TRUE(connection.write_raw("GET / HTTP/1.1\r\nHost: a\r\n"));
  const auto response = connection.read();
  EXPECT_EQ(response.status, 408) << response.error;
  EXPECT_TRUE(connection.closed_by_peer());
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(1400)) << "not the idle timeout";
}

TEST_F(HeaderTimeoutFixture, ATrickledHeadGets408FromItsFirstByte) {
  TestConnection connection(port);
  const auto started = Clock::now();
  const std::string head = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  // A byte every 50 ms: each read is quick, the head as a whole is not.
  for (std::size_t i = 0; i < 10; ++i) {
    if (!connection.write_raw(head.substr(i, 1))) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto response = connection.read();
  EXPECT_EQ(response.status, 408) << response.error;
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(1400));
}

TEST_F(HeaderTimeoutFixture, AWholeHeadInPiecesInTimeIsServedAndAnIdleConnectionJustCloses) {
  TestConnection connection(port);
  ASSERT_TRUE(connection.write_raw("GET /a HTTP/1.1\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(connection.write_raw("Host: a\r\n\r\n"));
  EXPECT_EQ(connection.read().status, 200);
  // Idle past the header timeout but within the idle timeout: still open and served.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_TRUE(connection.write_raw("GET /b HTTP/1.1\r\nHost: a\r\n\r\n"));
  EXPECT_EQ(connection.read().status, 200);
  // Idle past the idle timeout: closed, and no 408 for a request that never began.
  const auto closed = connection.read();
  EXPECT_EQ(closed.status, 0);
  EXPECT_NE(closed.error.find("end of stream"), std::string::npos) << closed.error;
}

}  // namespace
}  // namespace lintel::dataplane
