// HTTPRoute filters served by the proxy over real sockets: echo backends reflect what the
// proxy sent them, and a recording backend stands in for a mirror.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "lintel/dataplane/echo_server.h"
#include "lintel/dataplane/proxy_server.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

namespace v1 = snapshot::v1;
using testing::free_port;
using testing::make_request;
using testing::tcp;
using testing::TestConnection;
namespace http = testing::http;
using Millis = std::chrono::milliseconds;

// Records every request it receives, then answers after `delay`: long enough to show that a
// mirror's answer is never waited for.
class RecordingBackend {
 public:
  explicit RecordingBackend(Millis delay)
      : acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)),
        delay_(delay) {
    accepting_ = std::thread([this] { accept_loop(); });
  }
  ~RecordingBackend() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    stop_changed_.notify_all();
    boost::asio::io_context wake_io;
    tcp::socket wake(wake_io);
    boost::system::error_code ec;
    wake.connect(acceptor_.local_endpoint(), ec);
    accepting_.join();
    for (auto& each : serving_) each.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  // The requests seen once there are `count`, or whatever came within `timeout`.
  std::vector<http::request<http::string_body>> wait_for(std::size_t count, Millis timeout) {
    std::unique_lock lock(mutex_);
    seen_changed_.wait_for(lock, timeout, [&] { return seen_.size() >= count; });
    return seen_;
  }

 private:
  void accept_loop() {
    for (;;) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      serving_.emplace_back([this, socket = std::move(socket)]() mutable { serve(socket); });
    }
  }
  void serve(tcp::socket& socket) {
    timeval timeout{5, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      boost::system::error_code ec;
      http::read(socket, buffer, request, ec);
      if (ec) return;
      {
        std::lock_guard lock(mutex_);
        seen_.push_back(request);
      }
      seen_changed_.notify_all();
      {
        std::unique_lock lock(mutex_);
        if (stop_changed_.wait_for(lock, delay_, [&] { return stopping_.load(); })) return;
      }
      http::response<http::string_body> response{http::status::ok, 11};
      response.body() = "from the mirror";
      response.prepare_payload();
      http::write(socket, response, ec);
      if (ec) return;
    }
  }

  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  Millis delay_;
  std::atomic<bool> stopping_{false};
  std::thread accepting_;
  std::vector<std::thread> serving_;
  std::mutex mutex_;
  std::condition_variable seen_changed_;
  std::condition_variable stop_changed_;
  std::vector<http::request<http::string_body>> seen_;
};

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

void add_cluster(v1::Snapshot& snapshot, const std::string& name, std::uint16_t port) {
  auto* cluster = snapshot.add_clusters();
  cluster->set_name(name);
  auto* endpoint = cluster->add_endpoints();
  endpoint->set_address("127.0.0.1");
  endpoint->set_port(port);
}

v1::Route* add_route(v1::VirtualHost* host, const std::string& prefix) {
  auto* route = host->add_routes();
  route->set_name(prefix);
  route->mutable_path()->set_type(v1::PathMatch::PREFIX);
  route->mutable_path()->set_value(prefix);
  return route;
}

v1::WeightedCluster* forward_to(v1::Route* route, const std::string& cluster) {
  auto* weighted = route->mutable_forward()->add_clusters();
  weighted->set_cluster(cluster);
  weighted->set_weight(1);
  return weighted;
}

void add_header(google::protobuf::RepeatedPtrField<v1::HeaderValue>* list, const std::string& name,
                const std::string& value) {
  auto* header = list->Add();
  header->set_name(name);
  header->set_value(value);
}

// The conformance suite's RequestHeaderModifier, as its rewrite and mirror tests use it.
void modify_like_conformance(v1::HeaderModifier* modifier) {
  add_header(modifier->mutable_set(), "X-Header-Set", "set-overwrites-values");
  add_header(modifier->mutable_add(), "X-Header-Add", "header-val-1");
  add_header(modifier->mutable_add(), "X-Header-Add-Append", "header-val-2");
  modifier->add_remove("X-Header-Remove");
}

http::request<http::string_body> conformance_request(const std::string& target) {
  auto request = make_request(http::verb::get, target, "foo.example.com");
  request.set("X-Header-Remove", "remove-val");
  request.set("X-Header-Add-Append", "append-val-1");
  request.set("X-Header-Set", "set-val");
  return request;
}

bool contains(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

struct FiltersFixture : ::testing::Test {
  void SetUp() override {
    echo_v1 = start_echo("echo-v1");
    echo_v2 = start_echo("echo-v2");
    mirror = std::make_unique<RecordingBackend>(Millis(3000));
    ASSERT_TRUE(echo_v1 && echo_v2);
    ProxyOptions options;
    options.bind_address = "127.0.0.1";
    options.workers = 2;
    options.upstream_timeout = Millis(1500);
    options.shutdown_grace = Millis(200);
    proxy = ProxyServer::create(options);
    std::string error;
    for (int attempt = 0; attempt < 5; ++attempt) {
      port = free_port();
      if (proxy->apply(make_snapshot(), error)) return;
    }
    FAIL() << error;
  }
  void TearDown() override {
    if (proxy) proxy->stop();
    if (echo_v1) echo_v1->stop();
    if (echo_v2) echo_v2->stop();
    mirror.reset();
  }

  std::shared_ptr<v1::Snapshot> make_snapshot() {
    auto snapshot = std::make_shared<v1::Snapshot>();
    snapshot->set_version(1);
    auto* listener = snapshot->add_listeners();
    listener->set_name("default/gw/http");
    listener->set_address("127.0.0.1");
    listener->set_port(port);
    listener->set_protocol(v1::HTTP);
    auto* host = listener->add_virtual_hosts();
    host->set_name("foo");
    host->add_domains("foo.example.com");

    auto* headers = add_route(host, "/headers");
    modify_like_conformance(headers->mutable_request_headers());
    forward_to(headers, "v1");

    auto* rewrite = add_route(host, "/prefix/one");
    rewrite->mutable_url_rewrite()->set_hostname("upstream.example");
    rewrite->mutable_url_rewrite()->mutable_path()->set_type(
        v1::PathModifier::REPLACE_PREFIX_MATCH);
    rewrite->mutable_url_rewrite()->mutable_path()->set_value("/one");
    forward_to(rewrite, "v1");

    auto* full = add_route(host, "/full/rewrite-path-and-modify-headers");
    full->mutable_url_rewrite()->mutable_path()->set_type(v1::PathModifier::REPLACE_FULL_PATH);
    full->mutable_url_rewrite()->mutable_path()->set_value("/test");
    modify_like_conformance(full->mutable_request_headers());
    forward_to(full, "v1");

    add_route(host, "/redirect/default")->mutable_redirect();
    auto* moved = add_route(host, "/redirect/prefix")->mutable_redirect();
    moved->set_scheme("https");
    moved->set_hostname("example.org");
    moved->mutable_path()->set_type(v1::PathModifier::REPLACE_PREFIX_MATCH);
    moved->mutable_path()->set_value("/replacement-prefix");
    moved->set_status_code(308);
    auto* redirect_with_header = add_route(host, "/redirect/header");
    redirect_with_header->mutable_redirect()->set_port(8083);
    add_header(redirect_with_header->mutable_response_headers()->mutable_set(), "X-Why", "moved");

    auto* response = add_route(host, "/response");
    add_header(response->mutable_response_headers()->mutable_set(), "X-Header-Set",
               "set-overwrites-values");
    add_header(response->mutable_response_headers()->mutable_add(), "X-Header-Add",
               "add-appends-values");
    response->mutable_response_headers()->add_remove("X-Header-Remove");
    forward_to(response, "v1");

    auto* weights = add_route(host, "/weights");
    for (const std::string name : {"v1", "v2"}) {
      auto* weighted = forward_to(weights, name);
      add_header(weighted->mutable_request_headers()->mutable_set(), "Backend", "echo-" + name);
      add_header(weighted->mutable_response_headers()->mutable_set(), "X-Served-By",
                 "echo-" + name);
    }
    add_header(weights->mutable_response_headers()->mutable_add(), "X-Served-By", "route");

    auto* mirrored = add_route(host, "/mirror");
    modify_like_conformance(mirrored->mutable_request_headers());
    mirrored->add_mirrors()->set_cluster("mirror");
    forward_to(mirrored, "v1");

    auto* dead_mirror = add_route(host, "/dead-mirror");
    dead_mirror->add_mirrors()->set_cluster("dead");
    forward_to(dead_mirror, "v1");

    auto* never = add_route(host, "/never-mirrored");
    auto* none = never->add_mirrors();
    none->set_cluster("mirror");
    none->set_numerator(0);
    none->set_denominator(100);
    forward_to(never, "v1");

    auto* request_timeout = add_route(host, "/request-timeout");
    request_timeout->mutable_timeouts()->set_request_ms(300);
    forward_to(request_timeout, "v1");
    auto* backend_timeout = add_route(host, "/backend-timeout");
    backend_timeout->mutable_timeouts()->set_backend_request_ms(300);
    forward_to(backend_timeout, "v1");
    auto* long_timeout = add_route(host, "/long-timeout");
    long_timeout->mutable_timeouts()->set_request_ms(5000);
    forward_to(long_timeout, "v1");

    auto* direct = add_route(host, "/direct");
    direct->mutable_direct_response()->set_status(500);
    add_header(direct->mutable_response_headers()->mutable_set(), "X-Direct", "yes");

    add_cluster(*snapshot, "v1", echo_v1->port());
    add_cluster(*snapshot, "v2", echo_v2->port());
    add_cluster(*snapshot, "mirror", mirror->port());
    add_cluster(*snapshot, "dead", free_port());
    return snapshot;
  }

  testing::TestResponse send(http::request<http::string_body> request) {
    TestConnection connection(port);
    request.keep_alive(false);
    return connection.send(std::move(request));
  }

  std::unique_ptr<EchoServer> echo_v1;
  std::unique_ptr<EchoServer> echo_v2;
  std::unique_ptr<RecordingBackend> mirror;
  std::unique_ptr<ProxyServer> proxy;
  std::uint16_t port = 0;
};

void expect_conformance_headers(const std::string& body) {
  EXPECT_TRUE(contains(body, "\"X-Header-Set\": [\"set-overwrites-values\"]")) << body;
  EXPECT_TRUE(contains(body, "\"X-Header-Add\": [\"header-val-1\"]")) << body;
  EXPECT_TRUE(contains(body, "\"X-Header-Add-Append\": [\"append-val-1,header-val-2\"]")) << body;
  EXPECT_FALSE(contains(body, "X-Header-Remove")) << body;
}

TEST_F(FiltersFixture, ModifiesRequestHeadersBeforeForwarding) {
  const auto response = send(conformance_request("/headers"));
  ASSERT_EQ(response.status, 200) << response.error;
  expect_conformance_headers(response.message.body());
  // The proxy's own headers still go along.
  EXPECT_TRUE(contains(response.message.body(), "\"X-Forwarded-For\"")) << response.message.body();
}

TEST_F(FiltersFixture, RewritesPathAndHost) {
  const auto response =
      send(make_request(http::verb::get, "/prefix/one/two?q=1", "foo.example.com"));
  ASSERT_EQ(response.status, 200) << response.error;
  const auto& body = response.message.body();
  EXPECT_TRUE(contains(body, "\"path\": \"/one/two?q=1\"")) << body;
  EXPECT_TRUE(contains(body, "\"host\": \"upstream.example\"")) << body;
  // The client's Host is what X-Forwarded-Host reports.
  EXPECT_TRUE(contains(body, "\"X-Forwarded-Host\": [\"foo.example.com\"]")) << body;

  const auto full = send(conformance_request("/full/rewrite-path-and-modify-headers/test"));
  ASSERT_EQ(full.status, 200) << full.error;
  EXPECT_TRUE(contains(full.message.body(), "\"path\": \"/test\"")) << full.message.body();
  expect_conformance_headers(full.message.body());
}

TEST_F(FiltersFixture, AnswersRedirectsItself) {
  const auto plain =
      send(make_request(http::verb::get, "/redirect/default?a=b", "foo.example.com:1234"));
  EXPECT_EQ(plain.status, 302) << plain.error;
  // No scheme or port in the filter: the listener's port, which is not http's 80.
  EXPECT_EQ(plain.header("Location"),
            "http://foo.example.com:" + std::to_string(port) + "/redirect/default?a=b");

  const auto moved =
      send(make_request(http::verb::get, "/redirect/prefix/lemon", "foo.example.com"));
  EXPECT_EQ(moved.status, 308) << moved.error;
  EXPECT_EQ(moved.header("Location"), "https://example.org/replacement-prefix/lemon");
  EXPECT_EQ(moved.header("Content-Length"), "0");

  const auto with_header =
      send(make_request(http::verb::get, "/redirect/header", "foo.example.com"));
  EXPECT_EQ(with_header.status, 302) << with_header.error;
  EXPECT_EQ(with_header.header("Location"), "http://foo.example.com:8083/redirect/header");
  EXPECT_EQ(with_header.header("X-Why"), "moved");
}

TEST_F(FiltersFixture, ModifiesTheUpstreamsResponseHeaders) {
  auto request = make_request(http::verb::get, "/response", "foo.example.com");
  request.set("X-Echo-Set-Header",
              "X-Header-Set:some-other-value,X-Header-Add:some-other-value,"
              "X-Header-Remove:val,Some-Other-Header:val");
  const auto response = send(request);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.header("X-Header-Set"), "set-overwrites-values");
  EXPECT_EQ(response.header("X-Header-Add"), "some-other-value,add-appends-values");
  EXPECT_EQ(response.header("Some-Other-Header"), "val");
  EXPECT_EQ(response.message.find("X-Header-Remove"), response.message.end());
  // Framing is still the proxy's: the body arrives whole.
  EXPECT_TRUE(contains(response.message.body(), "\"path\": \"/response\""));
}

TEST_F(FiltersFixture, PerBackendHeadersFollowTheBackendPicked) {
  int served[2] = {0, 0};
  for (int i = 0; i < 30; ++i) {
    const auto response = send(make_request(http::verb::get, "/weights", "foo.example.com"));
    ASSERT_EQ(response.status, 200) << response.error;
    const auto& body = response.message.body();
    const bool by_v1 = contains(body, "\"service\": \"echo-v1\"");
    const std::string name = by_v1 ? "echo-v1" : "echo-v2";
    ++served[by_v1 ? 0 : 1];
    EXPECT_TRUE(contains(body, "\"Backend\": [\"" + name + "\"]")) << body;
    // The backend's response filter runs first, then the route's.
    EXPECT_EQ(response.header("X-Served-By"), name + ",route");
  }
  EXPECT_GT(served[0], 0);
  EXPECT_GT(served[1], 0);
}

TEST_F(FiltersFixture, MirrorsWithoutWaitingForTheMirror) {
  const auto started = std::chrono::steady_clock::now();
  const auto response = send(conformance_request("/mirror?id=42"));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(response.status, 200) << response.error;
  // The main backend's answer, long before the mirror (which takes 3 s) answers.
  EXPECT_TRUE(contains(response.message.body(), "\"service\": \"echo-v1\""));
  EXPECT_LT(took, Millis(1500));
  expect_conformance_headers(response.message.body());

  const auto seen = mirror->wait_for(1, Millis(5000));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target(), "/mirror?id=42");
  EXPECT_EQ(seen[0][http::field::host], "foo.example.com");
  EXPECT_EQ(seen[0]["X-Header-Set"], "set-overwrites-values");
  EXPECT_EQ(seen[0]["X-Header-Add-Append"], "append-val-1,header-val-2");
  EXPECT_EQ(seen[0].find("X-Header-Remove"), seen[0].end());
}

TEST_F(FiltersFixture, ADeadMirrorNeverFailsTheRequest) {
  for (int i = 0; i < 3; ++i) {
    const auto response = send(make_request(http::verb::get, "/dead-mirror", "foo.example.com"));
    EXPECT_EQ(response.status, 200) << response.error;
  }
}

TEST_F(FiltersFixture, AZeroShareIsNeverMirrored) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(send(make_request(http::verb::get, "/never-mirrored", "foo.example.com")).status,
              200);
  }
  EXPECT_TRUE(mirror->wait_for(1, Millis(300)).empty());
}

TEST_F(FiltersFixture, RouteTimeoutsAnswer504) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(
      send(make_request(http::verb::get, "/request-timeout?delay=1s", "foo.example.com")).status,
      504);
  EXPECT_LT(std::chrono::steady_clock::now() - started, Millis(900));
  EXPECT_EQ(send(make_request(http::verb::get, "/request-timeout", "foo.example.com")).status, 200);
  EXPECT_EQ(
      send(make_request(http::verb::get, "/backend-timeout?delay=1s", "foo.example.com")).status,
      504);
  EXPECT_EQ(send(make_request(http::verb::get, "/backend-timeout", "foo.example.com")).status, 200);
}

TEST_F(FiltersFixture, ALongerRouteTimeoutOutlastsTheProxyDefault) {
  // The proxy's own upstream timeout is 1.5 s; the route allows 5 s.
  const auto response =
      send(make_request(http::verb::get, "/long-timeout?delay=2s", "foo.example.com"));
  EXPECT_EQ(response.status, 200) << response.error;
}

TEST_F(FiltersFixture, DirectResponsesGetTheRoutesResponseHeaders) {
  const auto response = send(make_request(http::verb::get, "/direct", "foo.example.com"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.header("X-Direct"), "yes");
}

TEST(FiltersSnapshot, ABadFilterKeepsThePreviousConfig) {
  auto proxy = ProxyServer::create(ProxyOptions{.bind_address = "127.0.0.1", .workers = 1});
  auto snapshot = std::make_shared<v1::Snapshot>();
  snapshot->set_version(1);
  auto* listener = snapshot->add_listeners();
  listener->set_name("gw");
  listener->set_port(free_port());
  auto* host = listener->add_virtual_hosts();
  host->add_domains("*");
  auto* route = host->add_routes();
  route->set_name("regex");
  route->mutable_path()->set_type(v1::PathMatch::REGULAR_EXPRESSION);
  route->mutable_path()->set_value("/a.*");
  route->mutable_redirect()->mutable_path()->set_type(v1::PathModifier::REPLACE_PREFIX_MATCH);
  std::string error;
  EXPECT_FALSE(proxy->apply(snapshot, error));
  EXPECT_NE(error.find("regex"), std::string::npos) << error;

  route->clear_redirect();
  route->add_mirrors()->set_cluster("missing");
  forward_to(route, "");
  EXPECT_FALSE(proxy->apply(snapshot, error));
  EXPECT_NE(error.find("missing"), std::string::npos) << error;
  proxy->stop();
}

}  // namespace
}  // namespace lintel::dataplane
