// Least request through the proxy, on real sockets: an endpoint that holds a request gets no
// new one while another endpoint is idle.

#include <gtest/gtest.h>

#include <chrono>

#include "apply_on_free_port.h"
#include "lintel/dataplane/proxy_server.h"
#include "one_route_snapshot.h"
#include "raw_upstream.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

namespace http = testing::http;
using testing::make_request;
using testing::tcp;
using testing::TestConnection;

TEST(LeastRequestProxy, ABusyEndpointGetsNoNewRequestWhileAnotherIsIdle) {
  // Listens but never accepts: the kernel completes the proxy's connect, and the request then
  // waits for an answer that never comes, in flight until the proxy's upstream timeout.
  boost::asio::io_context io;
  tcp::acceptor silent(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  testing::RawUpstream answering;

  ProxyOptions options;
  options.bind_address = "127.0.0.1";
  options.workers = 1;  // in-flight counts are per worker
  options.upstream_timeout = std::chrono::milliseconds(5000);
  options.load_balancing = LoadBalancing::kLeastRequest;
  options.shutdown_grace = std::chrono::milliseconds(100);
  auto proxy = ProxyServer::create(options);
  std::string error;
  const std::uint16_t port = testing::apply_on_free_port(
      *proxy,
      [&](std::uint16_t free) {
        auto snapshot = testing::one_route_snapshot(free, "pair", silent.local_endpoint().port());
        auto* second = snapshot->mutable_clusters(0)->add_endpoints();
        second->set_address("127.0.0.1");
        second->set_port(answering.port());
        return snapshot;
      },
      error);
  ASSERT_NE(port, 0) << error;

  // Until one request sits at the silent endpoint (a tie goes either way).
  std::unique_ptr<TestConnection> held;
  for (int attempt = 0; attempt < 20 && !held; ++attempt) {
    auto connection = std::make_unique<TestConnection>(port, std::chrono::milliseconds(300));
    ASSERT_TRUE(connection->write_raw("GET /held HTTP/1.1\r\nHost: a\r\n\r\n"));
    if (connection->read().status == 0) held = std::move(connection);
  }
  ASSERT_TRUE(held) << "no request reached the silent endpoint in 20 tries";

  // Round robin would send every other one to the silent endpoint (and time out).
  TestConnection connection(port);
  for (int i = 0; i < 20; ++i) {
    const auto response = connection.send(make_request(http::verb::get, "/next", "a"));
    ASSERT_EQ(response.status, 200) << "request " << i << ": " << response.error;
  }
  proxy->stop();
}

}  // namespace
}  // namespace lintel::dataplane
