// The CORS filter and retries over real sockets: the echo server's /retry/ endpoint fails the
// first N requests per uuid, so the status a client gets shows how often the proxy tried.

#include <gtest/gtest.h>

#include <chrono>

#include "lintel/dataplane/echo_server.h"
#include "lintel/dataplane/proxy_server.h"
#include "one_route_snapshot.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

namespace v1 = snapshot::v1;
using testing::free_port;
using testing::make_request;
using testing::TestConnection;
namespace http = testing::http;
using Millis = std::chrono::milliseconds;

v1::Route* add_forward_route(v1::VirtualHost* host, const std::string& prefix) {
  auto* route = host->add_routes();
  route->set_name(prefix);
  route->mutable_path()->set_type(v1::PathMatch::PREFIX);
  route->mutable_path()->set_value(prefix);
  auto* weighted = route->mutable_forward()->add_clusters();
  weighted->set_cluster("echo");
  weighted->set_weight(1);
  return route;
}

void retry_on(v1::Route* route, std::uint32_t code, std::uint32_t attempts, std::uint64_t backoff) {
  route->mutable_retry()->add_codes(code);
  route->mutable_retry()->set_attempts(attempts);
  route->mutable_retry()->set_backoff_ms(backoff);
}

struct CorsRetryFixture : ::testing::Test {
  void SetUp() override {
    EchoOptions echo_options;
    echo_options.name = "echo";
    echo_options.listen = "127.0.0.1:0";
    echo_options.log_requests = false;
    std::string error;
    echo = EchoServer::start(echo_options, error);
    ASSERT_TRUE(echo) << error;
    ProxyOptions options;
    options.bind_address = "127.0.0.1";
    options.workers = 1;
    options.upstream_timeout = Millis(3000);
    options.shutdown_grace = Millis(200);
    proxy = ProxyServer::create(options);
    for (int attempt = 0; attempt < 5; ++attempt) {
      port = free_port();
      if (proxy->apply(make_snapshot(), error)) return;
    }
    FAIL() << error;
  }
  void TearDown() override {
    if (proxy) proxy->stop();
    if (echo) echo->stop();
  }

  std::shared_ptr<v1::Snapshot> make_snapshot() {
    auto snapshot = testing::one_route_snapshot(port, "echo", echo->port());
    auto* host = snapshot->mutable_listeners(0)->mutable_virtual_hosts(0);

    auto* cors = add_forward_route(host, "/cors")->mutable_cors();
    cors->add_allow_origins("https://*.bar.com");
    cors->add_allow_methods("GET");
    cors->add_allow_methods("PUT");
    cors->add_allow_headers("x-a");
    cors->add_expose_headers("x-b");
    cors->set_allow_credentials(true);
    cors->set_max_age_seconds(60);

    retry_on(add_forward_route(host, "/retry/quick"), 500, 2, 1);
    retry_on(add_forward_route(host, "/retry/slow"), 500, 2, 50);
    auto* bounded = add_forward_route(host, "/retry/bounded");
    retry_on(bounded, 500, 5, 400);
    bounded->mutable_timeouts()->set_request_ms(300);

    // The catch-all "/" goes last: routes are tried in order.
    auto* routes = host->mutable_routes();
    for (int i = 0; i + 1 < routes->size(); ++i) routes->SwapElements(i, i + 1);
    return snapshot;
  }

  testing::TestResponse send(http::request<http::string_body> request) {
    TestConnection connection(port);
    request.keep_alive(false);
    return connection.send(std::move(request));
  }

  testing::TestResponse get(const std::string& target) {
    return send(make_request(http::verb::get, target, "api.example.com"));
  }

  std::unique_ptr<EchoServer> echo;
  std::unique_ptr<ProxyServer> proxy;
  std::uint16_t port = 0;
};

TEST_F(CorsRetryFixture, APreflightIsAnsweredByTheProxy) {
  auto request = make_request(http::verb::options, "/cors/x", "api.example.com");
  request.set("Origin", "https://www.bar.com");
  request.set("Access-Control-Request-Method", "PUT");
  request.set("Access-Control-Request-Headers", "x-a");
  const auto response = send(request);
  EXPECT_EQ(response.status, 204) << response.error;
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "https://www.bar.com");
  EXPECT_EQ(response.header("Access-Control-Allow-Methods"), "GET, PUT");
  EXPECT_EQ(response.header("Access-Control-Allow-Headers"), "x-a");
  EXPECT_EQ(response.header("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(response.header("Access-Control-Max-Age"), "60");
  EXPECT_EQ(response.message.body(), "");  // the echo server would have answered with JSON

  request.set("Origin", "https://foobar.com");
  const auto refused = send(request);
  EXPECT_EQ(refused.status, 204) << refused.error;
  EXPECT_EQ(refused.header("Access-Control-Allow-Origin"), "");
  EXPECT_EQ(refused.message.body(), "");
}

TEST_F(CorsRetryFixture, AnActualRequestGetsCorsHeadersOnlyFromAnAllowedOrigin) {
  auto request = make_request(http::verb::get, "/cors/x", "api.example.com");
  request.set("Origin", "https://a.b.bar.com");
  const auto allowed = send(request);
  EXPECT_EQ(allowed.status, 200) << allowed.error;
  EXPECT_NE(allowed.message.body().find("\"path\""), std::string::npos);
  EXPECT_EQ(allowed.header("Access-Control-Allow-Origin"), "https://a.b.bar.com");
  EXPECT_EQ(allowed.header("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(allowed.header("Access-Control-Expose-Headers"), "x-b");
  EXPECT_EQ(allowed.header("Vary"), "Origin");

  request.set("Origin", "http://a.bar.com");
  const auto refused = send(request);
  EXPECT_EQ(refused.status, 200) << refused.error;
  EXPECT_EQ(refused.header("Access-Control-Allow-Origin"), "");
  EXPECT_EQ(refused.header("Access-Control-Allow-Credentials"), "");

  // OPTIONS without Access-Control-Request-Method is no preflight: it goes upstream.
  auto options = make_request(http::verb::options, "/cors/x", "api.example.com");
  options.set("Origin", "https://www.bar.com");
  const auto forwarded = send(options);
  EXPECT_EQ(forwarded.status, 200) << forwarded.error;
  EXPECT_NE(forwarded.message.body().find("\"OPTIONS\""), std::string::npos);
}

TEST_F(CorsRetryFixture, RetriesListedCodesUpToTheAttempts) {
  EXPECT_EQ(get("/retry/quick?uuid=a&succeedAfter=2&responseCode=500").status, 200);
  // Three tries fail: the last answer goes to the client.
  EXPECT_EQ(get("/retry/quick?uuid=b&succeedAfter=3&responseCode=500").status, 500);
  // 503 is not listed.
  EXPECT_EQ(get("/retry/quick?uuid=c&succeedAfter=1&responseCode=503").status, 503);
}

TEST_F(CorsRetryFixture, ABufferedBodyIsSentAgain) {
  auto request = make_request(
      http::verb::post, "/retry/quick?uuid=d&succeedAfter=1&responseCode=500", "api.example.com");
  request.body() = std::string(20000, 'x');
  request.prepare_payload();
  const auto response = send(request);
  EXPECT_EQ(response.status, 200) << response.error;
  EXPECT_NE(response.message.body().find("\"POST\""), std::string::npos);
}

TEST_F(CorsRetryFixture, RetriesWaitTheirBackoff) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(get("/retry/slow?uuid=e&succeedAfter=2&responseCode=500").status, 200);
  // At least the base before the first retry and twice it before the second.
  EXPECT_GE(std::chrono::steady_clock::now() - started, Millis(150));
}

TEST_F(CorsRetryFixture, TheRequestTimeoutBoundsRetries) {
  const auto started = std::chrono::steady_clock::now();
  // A 400-800 ms wait does not fit in the 300 ms request timeout: the first answer stands.
  EXPECT_EQ(get("/retry/bounded?uuid=f&succeedAfter=5&responseCode=500").status, 500);
  EXPECT_LT(std::chrono::steady_clock::now() - started, Millis(250));
}

}  // namespace
}  // namespace lintel::dataplane
