#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lintel/controller/snapshot_server.h"
#include "lintel/dataplane/proxy_server.h"
#include "lintel/dataplane/snapshot_client.h"
#include "within.h"

namespace lintel {
namespace {

using namespace std::chrono_literals;
using boost::asio::ip::tcp;

std::shared_ptr<const snapshot::v1::Snapshot> snapshot_of(std::uint64_t version,
                                                          std::size_t padding = 0) {
  auto snapshot = std::make_shared<snapshot::v1::Snapshot>();
  snapshot->set_version(version);
  snapshot->add_clusters()->set_name("cluster-" + std::string(padding, 'x'));
  return snapshot;
}

// What a client's data plane was given, for the test to look at from its thread.
struct Applied {
  std::mutex mutex;
  std::vector<std::uint64_t> versions;
  std::string refuse;  // when set, apply refuses with this error
  std::chrono::milliseconds delay{0};

  dataplane::SnapshotClient::Apply callback() {
    return [this](std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string& error) {
      std::this_thread::sleep_for(delay);
      std::lock_guard lock(mutex);
      if (!refuse.empty()) {
        error = refuse;
        return false;
      }
      versions.push_back(snapshot->version());
      return true;
    };
  }
  std::uint64_t last() {
    std::lock_guard lock(mutex);
    return versions.empty() ? 0 : versions.back();
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return versions.size();
  }
};

dataplane::SnapshotClientOptions client_options(std::uint16_t port, const std::string& node) {
  dataplane::SnapshotClientOptions options;
  options.host = "127.0.0.1";
  options.port = std::to_string(port);
  options.node = node;
  options.initial_backoff = 20ms;
  options.max_backoff = 200ms;
  return options;
}

std::unique_ptr<controller::SnapshotServer> start_server(std::uint16_t port = 0) {
  std::string error;
  auto server = controller::SnapshotServer::start("127.0.0.1", port, error);
  EXPECT_TRUE(server) << error;
  return server;
}

std::vector<controller::ProxyReport> settled_reports(controller::SnapshotServer& server,
                                                     std::size_t proxies, std::uint64_t version) {
  within(5s, [&] {
    auto reports = server.proxies();
    if (reports.size() != proxies) return false;
    for (const auto& report : reports)
      if (report.acked != version && report.nacked != version) return false;
    return true;
  });
  return server.proxies();
}

TEST(SnapshotStream, AProxyIsSentTheNewestSnapshotOnConnectAndEveryChangeAndAcksIt) {
  auto server = start_server();
  server->publish(snapshot_of(7));
  Applied applied;
  auto client = dataplane::SnapshotClient::start(client_options(server->port(), "proxy-a"),
                                                 applied.callback());
  ASSERT_TRUE(within(5s, [&] { return applied.last() == 7; }));
  server->publish(snapshot_of(8));
  ASSERT_TRUE(within(5s, [&] { return applied.last() == 8; }));
  auto reports = settled_reports(*server, 1, 8);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].node, "proxy-a");
  EXPECT_EQ(reports[0].sent, 8u);
  EXPECT_EQ(reports[0].acked, 8u);
  EXPECT_EQ(reports[0].nacked, 0u);
  EXPECT_NE(reports[0].peer.find("127.0.0.1:"), std::string::npos);
}

TEST(SnapshotStream, ARefusedSnapshotIsNackedWithTheDataPlanesError) {
  auto server = start_server();
  Applied applied;
  applied.refuse = "cannot bind 127.0.0.1:80: Permission denied";
  auto client = dataplane::SnapshotClient::start(client_options(server->port(), "proxy-b"),
                                                 applied.callback());
  server->publish(snapshot_of(3));
  auto reports = settled_reports(*server, 1, 3);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].nacked, 3u);
  EXPECT_EQ(reports[0].acked, 0u);
  EXPECT_EQ(reports[0].nack_error, "cannot bind 127.0.0.1:80: Permission denied");
}

TEST(SnapshotStream, ASlowProxyGetsTheNewestSnapshotRatherThanEveryOne) {
  auto server = start_server();
  Applied applied;
  applied.delay = 100ms;
  auto client =
      dataplane::SnapshotClient::start(client_options(server->port(), "slow"), applied.callback());
  ASSERT_TRUE(within(5s, [&] { return server->proxies().size() == 1; }));
  constexpr std::uint64_t kPublishes = 60;
  for (std::uint64_t version = 1; version <= kPublishes; ++version) {
    server->publish(snapshot_of(version, 20000));
    std::this_thread::sleep_for(2ms);
  }
  ASSERT_TRUE(within(10s, [&] { return applied.last() == kPublishes; }));
  EXPECT_LT(applied.count(), kPublishes / 2);
}

TEST(SnapshotStream, AProxyReconnectsToARestartedControllerAndKeepsWhatItServedMeanwhile) {
  auto server = start_server();
  const std::uint16_t port = server->port();
  server->publish(snapshot_of(1));
  Applied applied;
  auto client = dataplane::SnapshotClient::start(client_options(port, "p"), applied.callback());
  ASSERT_TRUE(within(5s, [&] { return applied.last() == 1; }));
  server->stop();
  server.reset();
  std::this_thread::sleep_for(300ms);  // a few failed reconnects
  EXPECT_EQ(applied.count(), 1u);
  server = start_server(port);
  ASSERT_TRUE(server);
  server->publish(snapshot_of(2));
  EXPECT_TRUE(within(5s, [&] { return applied.last() == 2; }));
}

// Each controller replica numbers its snapshots from the moment it started. A proxy whose
// controller Service sends it to a replica that started earlier gets lower versions than it
// served, and they are that replica's newest state: the data plane serves them.
TEST(SnapshotStream, AProxyMovedToAnEarlierStartedControllerServesItsLowerVersions) {
  dataplane::ProxyOptions proxy_options;
  proxy_options.bind_address = "127.0.0.1";
  proxy_options.workers = 1;
  auto proxy = dataplane::ProxyServer::create(proxy_options);
  auto apply = [&](std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string& error) {
    return proxy->apply(std::move(snapshot), error);
  };
  auto later = start_server();
  const std::uint16_t port = later->port();
  later->publish(snapshot_of(1'700'000'000'000'000));
  auto client = dataplane::SnapshotClient::start(client_options(port, "moved"), apply);
  ASSERT_TRUE(within(5s, [&] {
    return proxy->current() && proxy->current()->version() == 1'700'000'000'000'000;
  }));
  later->stop();
  later.reset();
  auto earlier = start_server(port);
  ASSERT_TRUE(earlier);
  earlier->publish(snapshot_of(1'600'000'000'000'000));
  EXPECT_TRUE(within(5s, [&] { return proxy->current()->version() == 1'600'000'000'000'000; }));
  auto reports = settled_reports(*earlier, 1, 1'600'000'000'000'000);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].acked, 1'600'000'000'000'000u);
  EXPECT_EQ(reports[0].nacked, 0u);
  client->stop();
  proxy->stop();
}

// A raw TCP client: writes `bytes`, then waits (bounded) for the server to close.
bool server_closes_after(std::uint16_t port, const std::string& bytes) {
  boost::asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  boost::asio::write(socket, boost::asio::buffer(bytes));
  timeval timeout{2, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  char buffer[4096];
  for (int reads = 0; reads < 100; ++reads) {
    const ssize_t n = ::recv(socket.native_handle(), buffer, sizeof buffer, 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
  return false;
}

TEST(SnapshotStream, GarbageAndHalfSentStreamsCloseOnlyTheirOwnConnection) {
  auto server = start_server();
  server->publish(snapshot_of(5, 100000));
  Applied applied;
  auto client =
      dataplane::SnapshotClient::start(client_options(server->port(), "good"), applied.callback());
  ASSERT_TRUE(within(5s, [&] { return applied.last() == 5; }));

  EXPECT_TRUE(server_closes_after(server->port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_TRUE(server_closes_after(server->port(), std::string(100, '\0')));
  {  // the client preface, then gone mid-stream
    boost::asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), server->port()));
    boost::asio::write(socket,
                       boost::asio::buffer(std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")));
  }
  server->publish(snapshot_of(6));
  EXPECT_TRUE(within(5s, [&] { return applied.last() == 6; }));
  EXPECT_TRUE(within(5s, [&] { return server->proxies().size() == 1; }));
}

TEST(SnapshotStream, AProxyLeavingInTheMiddleOfASnapshotLeavesTheServerServing) {
  auto server = start_server();
  server->publish(snapshot_of(1, 8 * 1024 * 1024));
  for (int i = 0; i < 3; ++i) {
    Applied applied;
    auto client = dataplane::SnapshotClient::start(client_options(server->port(), "brief"),
                                                   applied.callback());
    ASSERT_TRUE(within(5s, [&] { return server->proxies().size() == 1; }));
    client->stop();
  }
  EXPECT_TRUE(within(5s, [&] { return server->proxies().empty(); }));
  Applied applied;
  auto client =
      dataplane::SnapshotClient::start(client_options(server->port(), "last"), applied.callback());
  EXPECT_TRUE(within(5s, [&] { return applied.last() == 1; }));
}

TEST(SnapshotStream, AClientFacingAServerThatSpeaksNoHttp2KeepsRetryingAndAppliesNothing) {
  boost::asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  std::atomic<int> accepted{0};
  std::thread garbage([&] {
    for (int i = 0; i < 3; ++i) {
      tcp::socket socket(io);
      boost::system::error_code error;
      acceptor.accept(socket, error);
      if (error) return;
      ++accepted;
      boost::asio::write(socket, boost::asio::buffer(std::string("HTTP/1.1 400 Bad\r\n\r\n")),
                         error);
    }
  });
  Applied applied;
  auto client = dataplane::SnapshotClient::start(
      client_options(acceptor.local_endpoint().port(), "c"), applied.callback());
  EXPECT_TRUE(within(5s, [&] { return accepted.load() == 3; }));
  garbage.join();
  client->stop();
  EXPECT_EQ(applied.count(), 0u);
}

TEST(SnapshotStream, TheControllerMayBeNamedByHostName) {
  auto server = start_server();
  server->publish(snapshot_of(4));
  Applied applied;
  auto options = client_options(server->port(), "named");
  options.host = "localhost";
  auto client = dataplane::SnapshotClient::start(options, applied.callback());
  EXPECT_TRUE(within(5s, [&] { return applied.last() == 4; }));
}

TEST(SnapshotStream, AClientThatCannotResolveTheControllerStillStopsAtOnce) {
  Applied applied;
  auto options = client_options(1, "lost");
  options.host = "controller.invalid";
  auto client = dataplane::SnapshotClient::start(options, applied.callback());
  std::this_thread::sleep_for(100ms);
  const auto start = std::chrono::steady_clock::now();
  client->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(applied.count(), 0u);
}

}  // namespace
}  // namespace lintel
