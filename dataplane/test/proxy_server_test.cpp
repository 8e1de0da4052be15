#include "lintel/dataplane/proxy_server.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "lintel/dataplane/echo_server.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

namespace v1 = snapshot::v1;
using testing::make_request;
using testing::TestConnection;
namespace http = testing::http;
using testing::free_port;
using testing::tcp;

std::unique_ptr<EchoServer> start_echo(const std::string& name) {
  EchoOptions options;
  options.name = name;
  options.listen = "127.0.0.1:0";
  options.log_requests = false;
  std::string error;
  auto server = EchoServer::start(options, error);
  EXPECT_TRUE(server) << error;
  return server;
}

v1::Route* add_route(v1::VirtualHost* host, const std::string& name, v1::PathMatch::Type type,
                     const std::string& path) {
  auto* route = host->add_routes();
  route->set_name(name);
  route->mutable_path()->set_type(type);
  route->mutable_path()->set_value(path);
  return route;
}

void forward_to(v1::Route* route, const std::string& cluster) {
  auto* weighted = route->mutable_forward()->add_clusters();
  weighted->set_cluster(cluster);
  weighted->set_weight(1);
}

// foo.example.com: "/" -> echo, "/empty" -> cluster without endpoints, "/dead" -> endpoint
// with nothing listening, "/teapot" -> direct 418.
std::shared_ptr<v1::Snapshot> make_snapshot(std::uint64_t version, std::uint16_t port,
                                            std::uint16_t echo_port) {
  auto snapshot = std::make_shared<v1::Snapshot>();
  snapshot->set_version(version);
  auto* listener = snapshot->add_listeners();
  listener->set_name("default/gw/http");
  listener->set_address("127.0.0.1");
  listener->set_port(port);
  listener->set_protocol(v1::HTTP);
  auto* host = listener->add_virtual_hosts();
  host->set_name("foo");
  host->add_domains("foo.example.com");
  forward_to(add_route(host, "empty", v1::PathMatch::PREFIX, "/empty"), "default/empty:80");
  forward_to(add_route(host, "dead", v1::PathMatch::PREFIX, "/dead"), "default/dead:80");
  auto* teapot = add_route(host, "teapot", v1::PathMatch::EXACT, "/teapot");
  teapot->mutable_direct_response()->set_status(418);
  teapot->mutable_direct_response()->set_body("short and stout\n");
  forward_to(add_route(host, "root", v1::PathMatch::PREFIX, "/"), "default/echo:80");

  auto* echo = snapshot->add_clusters();
  echo->set_name("default/echo:80");
  auto* endpoint = echo->add_endpoints();
  endpoint->set_address("127.0.0.1");
  endpoint->set_port(echo_port);
  snapshot->add_clusters()->set_name("default/empty:80");
  auto* dead = snapshot->add_clusters();
  dead->set_name("default/dead:80");
  endpoint = dead->add_endpoints();
  endpoint->set_address("127.0.0.1");
  endpoint->set_port(free_port());
  return snapshot;
}

struct ProxyFixture : ::testing::Test {
  void SetUp() override {
    echo = start_echo("echo-v1");
    ASSERT_TRUE(echo);
    ProxyOptions options;
    options.bind_address = "127.0.0.1";
    options.workers = 2;
    options.upstream_timeout = std::chrono::milliseconds(1500);
    options.shutdown_grace = std::chrono::milliseconds(500);
    proxy = ProxyServer::create(options);
    std::string error;
    // A free port can be taken between probing and binding; a few tries make that harmless.
    for (int attempt = 0; attempt < 5; ++attempt) {
      port = free_port();
      if (proxy->apply(make_snapshot(1, port, echo->port()), error)) return;
    }
    FAIL() << error;
  }
  void TearDown() override {
    if (proxy) proxy->stop();
    if (echo) echo->stop();
  }
  std::unique_ptr<EchoServer> echo;
  std::unique_ptr<ProxyServer> proxy;
  std::uint16_t port = 0;
};

TEST_F(ProxyFixture, ForwardsToTheBackendWithForwardingHeaders) {
  TestConnection connection(port);
  auto request = make_request(http::verb::get, "/some/path?q=1", "foo.example.com");
  request.set("X-Forwarded-For", "10.1.2.3");
  request.set(http::field::connection, "keep-alive, X-Secret");
  request.set("X-Secret", "hop");
  const auto response = connection.send(request);
  ASSERT_EQ(response.status, 200) << response.error;
  const std::string& body = response.message.body();
  EXPECT_NE(body.find("\"path\": \"/some/path?q=1\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"host\": \"foo.example.com\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Forwarded-For\": [\"10.1.2.3, 127.0.0.1\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Forwarded-Proto\": [\"http\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Forwarded-Host\": [\"foo.example.com\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Request-Id\": [\""), std::string::npos) << body;
  EXPECT_EQ(body.find("X-Secret"), std::string::npos) << body;
  EXPECT_EQ(body.find("\"Connection\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"service\": \"echo-v1\""), std::string::npos) << body;
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  EXPECT_TRUE(response.header("Server").empty());

  // The same client connection carries a second request.
  const auto again = connection.send(make_request(http::verb::post, "/again", "foo.example.com"));
  ASSERT_EQ(again.status, 200) << again.error;
  EXPECT_NE(again.message.body().find("\"method\": \"POST\""), std::string::npos);
}

TEST_F(ProxyFixture, AnswersFromTheRouteTable) {
  EXPECT_EQ(testing::get_once(port, "/", "bar.example.com").status, 404);
  EXPECT_EQ(testing::get_once(port, "/empty", "foo.example.com").status, 503);
  EXPECT_EQ(testing::get_once(port, "/dead", "foo.example.com").status, 502);
  const auto teapot = testing::get_once(port, "/teapot", "foo.example.com");
  EXPECT_EQ(teapot.status, 418);
  EXPECT_EQ(teapot.message.body(), "short and stout\n");
}

TEST_F(ProxyFixture, AnUnresolvedBackendsShareOfTrafficIs500) {
  auto snapshot = make_snapshot(2, port, echo->port());
  auto* host = snapshot->mutable_listeners(0)->mutable_virtual_hosts(0);
  auto* invalid = add_route(host, "invalid", v1::PathMatch::EXACT, "/invalid-share");
  auto* share = invalid->mutable_forward()->add_clusters();
  share->set_weight(1);  // no cluster: a backendRef that did not resolve
  auto* valid = add_route(host, "valid", v1::PathMatch::EXACT, "/valid-share");
  forward_to(valid, "default/echo:80");
  valid->mutable_forward()->add_clusters()->set_weight(0);
  // Exact routes must come before the catch-all "/" to be reached.
  auto* routes = host->mutable_routes();
  std::rotate(routes->begin(), routes->end() - 2, routes->end());
  std::string error;
  ASSERT_TRUE(proxy->apply(snapshot, error)) << error;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(testing::get_once(port, "/invalid-share", "foo.example.com").status, 500);
    EXPECT_EQ(testing::get_once(port, "/valid-share", "foo.example.com").status, 200);
  }
}

TEST_F(ProxyFixture, UpstreamTimeoutIs504) {
  const auto response = testing::get_once(port, "/?delay=3s", "foo.example.com");
  EXPECT_EQ(response.status, 504) << response.error;
}

TEST_F(ProxyFixture, RejectsAmbiguousFraming) {
  {
    TestConnection connection(port);
    ASSERT_TRUE(
        connection.write_raw("POST / HTTP/1.1\r\nHost: foo.example.com\r\nContent-Length: 5\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    EXPECT_EQ(connection.read().status, 400);
  }
  {
    TestConnection connection(port);
    ASSERT_TRUE(
        connection.write_raw("POST / HTTP/1.1\r\nHost: foo.example.com\r\nContent-Length: 1\r\n"
                             "Content-Length: 1\r\n\r\nx"));
    EXPECT_EQ(connection.read().status, 400);
  }
  {
    TestConnection connection(port);
    ASSERT_TRUE(connection.write_raw("GET / HTTP/1.1\r\nHost foo\r\n\r\n"));
    EXPECT_EQ(connection.read().status, 400);
  }
}

TEST_F(ProxyFixture, EnforcesHeaderAndBodyLimits) {
  {
    TestConnection connection(port);
    auto request = make_request(http::verb::get, "/", "foo.example.com");
    for (int i = 0; i < 4; ++i) request.insert("X-Big", std::string(20 * 1024, 'a'));
    EXPECT_EQ(connection.send(request).status, 431);
  }
  {
    TestConnection connection(port);
    // Header only: the proxy answers before the body, and a client still writing could see
    // the close as a reset instead of the 413.
    ASSERT_TRUE(connection.write_raw(
        "POST / HTTP/1.1\r\nHost: foo.example.com\r\nContent-Length: 1048577\r\n\r\n"));
    EXPECT_EQ(connection.read().status, 413);
  }
  {
    TestConnection connection(port);
    auto request = make_request(http::verb::post, "/", "foo.example.com");
    request.body() = std::string(1024 * 1024, 'b');
    EXPECT_EQ(connection.send(request).status, 200);
  }
}

TEST_F(ProxyFixture, Http10ClientGetsTheResponseAndAClose) {
  TestConnection connection(port);
  ASSERT_TRUE(connection.write_raw("GET /ten HTTP/1.0\r\nHost: foo.example.com\r\n\r\n"));
  const auto response = connection.read();
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_NE(response.message.body().find("\"path\": \"/ten\""), std::string::npos);
  EXPECT_TRUE(connection.closed_by_peer());
}

TEST_F(ProxyFixture, ABadRegexKeepsThePreviousConfigServing) {
  auto bad = make_snapshot(2, port, echo->port());
  auto* route = bad->mutable_listeners(0)->mutable_virtual_hosts(0)->mutable_routes(0);
  route->mutable_path()->set_type(v1::PathMatch::REGULAR_EXPRESSION);
  route->mutable_path()->set_value("/(unclosed");
  std::string error;
  EXPECT_FALSE(proxy->apply(bad, error));
  EXPECT_NE(error.find("default/gw/http"), std::string::npos) << error;
  EXPECT_EQ(proxy->current()->version(), 1u);
  EXPECT_EQ(testing::get_once(port, "/", "foo.example.com").status, 200);
}

TEST_F(ProxyFixture, AnUnknownClusterIsRejected) {
  auto bad = make_snapshot(2, port, echo->port());
  bad->mutable_clusters()->RemoveLast();
  std::string error;
  EXPECT_FALSE(proxy->apply(bad, error));
  EXPECT_NE(error.find("unknown cluster \"default/dead:80\""), std::string::npos) << error;
  EXPECT_EQ(proxy->current()->version(), 1u);
}

// Versions are ordered only within one controller's stream: another controller replica (one
// that started earlier, say) numbers its snapshots from its own start, and its lower numbers
// are still the newest state it has.
TEST_F(ProxyFixture, ALowerVersionIsServedAsANewSnapshot) {
  std::string error;
  ASSERT_TRUE(proxy->apply(make_snapshot(1000, port, echo->port()), error)) << error;
  ASSERT_TRUE(proxy->apply(make_snapshot(3, port, echo->port()), error)) << error;
  EXPECT_EQ(proxy->current()->version(), 3u);
  EXPECT_EQ(testing::get_once(port, "/", "foo.example.com").status, 200);
}

TEST_F(ProxyFixture, APortThatCannotBeBoundKeepsThePreviousConfig) {
  boost::asio::io_context io;
  tcp::acceptor blocker(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  auto next = make_snapshot(2, port, echo->port());
  auto* second = next->add_listeners();
  *second = next->listeners(0);
  second->set_name("default/gw/other");
  second->set_port(blocker.local_endpoint().port());
  std::string error;
  EXPECT_FALSE(proxy->apply(next, error));
  EXPECT_NE(error.find("default/gw/other"), std::string::npos) << error;
  EXPECT_EQ(proxy->current()->version(), 1u);
  EXPECT_EQ(testing::get_once(port, "/", "foo.example.com").status, 200);
}

TEST_F(ProxyFixture, SwapKeepsOpenConnectionsAndChangesRoutes) {
  auto second_echo = start_echo("echo-v2");
  ASSERT_TRUE(second_echo);
  TestConnection connection(port);
  auto first = connection.send(make_request(http::verb::get, "/", "foo.example.com"));
  ASSERT_EQ(first.status, 200) << first.error;
  EXPECT_NE(first.message.body().find("\"service\": \"echo-v1\""), std::string::npos);

  std::string error;
  ASSERT_TRUE(proxy->apply(make_snapshot(2, port, second_echo->port()), error)) << error;
  EXPECT_EQ(proxy->current()->version(), 2u);

  auto second = connection.send(make_request(http::verb::get, "/", "foo.example.com"));
  ASSERT_EQ(second.status, 200) << second.error;
  EXPECT_NE(second.message.body().find("\"service\": \"echo-v2\""), std::string::npos)
      << second.message.body();
  second_echo->stop();
}

TEST_F(ProxyFixture, MovingTheListenerClosesTheOldPortAndOpensTheNew) {
  std::string error;
  std::uint16_t moved = 0;
  for (int attempt = 0; attempt < 5; ++attempt) {
    moved = free_port();
    if (proxy->apply(make_snapshot(2, moved, echo->port()), error)) break;
    moved = 0;
  }
  ASSERT_NE(moved, 0) << error;
  EXPECT_EQ(testing::get_once(moved, "/", "foo.example.com").status, 200);
  // The close is posted to the workers; give it a bounded moment.
  bool old_closed = false;
  for (int i = 0; i < 50 && !old_closed; ++i) {
    old_closed = !TestConnection(port).connected();
    if (!old_closed) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(old_closed);
}

TEST_F(ProxyFixture, ReusesUpstreamConnectionsAndSurvivesABackendRestart) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(testing::get_once(port, "/warm", "foo.example.com").status, 200);
  }
  // Restarting the backend on the same port leaves the pool holding dead connections; the
  // stale one must be detected or retried, never surfaced as a 502.
  const std::uint16_t echo_port = echo->port();
  echo->stop();
  EchoOptions options;
  options.name = "echo-v1";
  options.listen = "127.0.0.1:" + std::to_string(echo_port);
  options.log_requests = false;
  std::string error;
  echo = EchoServer::start(options, error);
  ASSERT_TRUE(echo) << error;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(testing::get_once(port, "/after", "foo.example.com").status, 200);
  }
}

// One listener whose only route sends to one cluster: a dead endpoint first, then a live one.
struct HealthFixture : ::testing::Test {
  void start(unsigned eject_after, std::chrono::milliseconds ejection, unsigned connect_attempts) {
    echo = start_echo("alive");
    ASSERT_TRUE(echo);
    ProxyOptions options;
    options.bind_address = "127.0.0.1";
    options.workers = 1;
    options.consecutive_failures_to_eject = eject_after;
    options.base_ejection_time = ejection;
    options.max_connect_attempts = connect_attempts;
    proxy = ProxyServer::create(options);
    std::string error;
    for (int attempt = 0; attempt < 5; ++attempt) {
      port = free_port();
      auto snapshot = std::make_shared<v1::Snapshot>();
      snapshot->set_version(1);
      auto* listener = snapshot->add_listeners();
      listener->set_name("gw");
      listener->set_address("127.0.0.1");
      listener->set_port(port);
      auto* host = listener->add_virtual_hosts();
      host->add_domains("*");
      forward_to(add_route(host, "all", v1::PathMatch::PREFIX, "/"), "pair");
      auto* cluster = snapshot->add_clusters();
      cluster->set_name("pair");
      auto* dead = cluster->add_endpoints();
      dead->set_address("127.0.0.1");
      dead->set_port(free_port());
      auto* alive = cluster->add_endpoints();
      alive->set_address("127.0.0.1");
      alive->set_port(echo->port());
      if (proxy->apply(snapshot, error)) return;
    }
    FAIL() << error;
  }
  // Statuses of `count` GETs on one keep-alive connection (so one worker serves them all).
  std::vector<int> statuses(int count) {
    TestConnection connection(port);
    std::vector<int> out;
    for (int i = 0; i < count; ++i) {
      out.push_back(connection.send(make_request(http::verb::post, "/", "any.example.com")).status);
    }
    return out;
  }
  void TearDown() override {
    if (proxy) proxy->stop();
    if (echo) echo->stop();
  }
  std::unique_ptr<EchoServer> echo;
  std::unique_ptr<ProxyServer> proxy;
  std::uint16_t port = 0;
};

TEST_F(HealthFixture, AFailedConnectIsRetriedOnTheNextEndpoint) {
  start(100, std::chrono::milliseconds(60000), 3);
  auto got = statuses(12);
  EXPECT_EQ(std::count(got.begin(), got.end(), 200), 12)
      << "even a POST: a failed connect sent nothing";
}

TEST_F(HealthFixture, AnEndpointIsEjectedAfterConsecutiveFailuresAndComesBack) {
  start(2, std::chrono::milliseconds(300), 1);
  // Round robin without retries: the dead endpoint fails twice, then it is skipped.
  std::vector<int> expected = {502, 200, 502, 200, 200, 200, 200, 200};
  EXPECT_EQ(statuses(8), expected);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  // The ejection is over: round robin reaches the dead endpoint again (and the second ejection
  // lasts twice as long).
  auto after = statuses(4);
  EXPECT_EQ(std::count(after.begin(), after.end(), 502), 2);
}

TEST(ProxyServer, StopIsIdempotentAndClosesListeners) {
  auto proxy = ProxyServer::create(ProxyOptions{.bind_address = "127.0.0.1", .workers = 1});
  EXPECT_EQ(proxy->current(), nullptr);
  std::string error;
  std::uint16_t port = 0;
  for (int attempt = 0; attempt < 5 && port == 0; ++attempt) {
    port = free_port();
    if (!proxy->apply(make_snapshot(1, port, 9), error)) port = 0;
  }
  ASSERT_NE(port, 0) << error;
  EXPECT_EQ(testing::get_once(port, "/teapot", "foo.example.com").status, 418);
  proxy->stop();
  proxy->stop();
  EXPECT_FALSE(TestConnection(port).connected());
  EXPECT_FALSE(proxy->apply(make_snapshot(2, port, 9), error));
}

}  // namespace
}  // namespace lintel::dataplane
