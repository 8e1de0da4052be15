// HTTP/1.1 Upgrade through the proxy: a WebSocket client to the echo server's /ws, and raw
// upstreams that check what the tunnel does with leftovers, half-closes and idle time.

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lintel/dataplane/echo_server.h"
#include "lintel/dataplane/proxy_server.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

namespace v1 = snapshot::v1;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace http = testing::http;
using error_code = boost::system::error_code;
using testing::free_port;
using testing::make_request;
using testing::tcp;
using testing::TestConnection;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Polls `done` for up to 5 s.
bool wait_for(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// --- Plain POSIX sockets: every read times out after 5 s, so a hung tunnel fails the test. ---

void set_timeouts(int fd) {
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads into `received` until it contains `marker`; false on end of stream, error or timeout.
bool read_until(int fd, std::string& received, const std::string& marker) {
  char chunk[4096];
  while (received.find(marker) == std::string::npos) {
    const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    received.append(chunk, static_cast<std::size_t>(n));
  }
  return true;
}

// Reads until end of stream: true for an orderly one (FIN), false for an error or timeout.
bool read_to_eof(int fd, std::string& received) {
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n == 0) return true;
    if (n < 0) return false;
    received.append(chunk, static_cast<std::size_t>(n));
  }
}

// Waits up to `limit` for the peer to end the connection (FIN or RST); false if it stays open.
bool ended_within(int fd, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  char chunk[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) return false;
    const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return true;
  }
}

class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    set_timeouts(fd_);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  bool connected() const { return connected_; }
  int fd() const { return fd_; }

 private:
  int fd_;
  bool connected_ = false;
};

// A TCP server on 127.0.0.1 that runs `handler` on each accepted connection, one thread each,
// and counts connections. stop() unblocks every handler and joins all threads.
class RawUpstream {
 public:
  using Handler = std::function<void(int fd, int connection_index)>;
  explicit RawUpstream(Handler handler) : handler_(std::move(handler)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::listen(listener_, 16);
    socklen_t length = sizeof(address);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~RawUpstream() { stop(); }
  RawUpstream(const RawUpstream&) = delete;
  RawUpstream& operator=(const RawUpstream&) = delete;

  std::uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }

  void stop() {
    if (stopping_.exchange(true)) return;
    if (acceptor_.joinable()) acceptor_.join();
    {
      std::lock_guard lock(mutex_);
      for (const int fd : open_) ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& thread : handlers_) thread.join();
    ::close(listener_);
  }

 private:
  void accept_loop() {
    while (!stopping_.load()) {
      pollfd ready{listener_, POLLIN, 0};
      if (::poll(&ready, 1, 50) <= 0) continue;
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      set_timeouts(fd);
      const int index = connections_.fetch_add(1);
      {
        std::lock_guard lock(mutex_);
        open_.push_back(fd);
      }
      handlers_.emplace_back([this, fd, index] {
        handler_(fd, index);
        {
          std::lock_guard lock(mutex_);
          open_.erase(std::find(open_.begin(), open_.end(), fd));
        }
        ::close(fd);
      });
    }
  }

  Handler handler_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::vector<int> open_;
  std::vector<std::thread> handlers_;  // only the accept thread adds, stop() joins after it
  std::thread acceptor_;
};

// --- A Beast WebSocket client whose every operation gives up after 10 s. ---

class WsClient {
 public:
  bool connect(std::uint16_t port) {
    error_code ec;
    beast::get_lowest_layer(ws_).socket().connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    return !ec;
  }
  error_code handshake(const std::string& host, const std::string& target,
                       websocket::response_type& response) {
    return run([&](auto done) { ws_.async_handshake(response, host, target, done); });
  }
  error_code write(const std::string& message, bool text) {
    ws_.text(text);
    return run([&](auto done) { ws_.async_write(asio::buffer(message), done); });
  }
  error_code read(std::string& message, bool& text) {
    beast::flat_buffer buffer;
    const auto ec = run([&](auto done) { ws_.async_read(buffer, done); });
    message = beast::buffers_to_string(buffer.data());
    text = ws_.got_text();
    return ec;
  }
  error_code close() {
    return run([&](auto done) { ws_.async_close(websocket::close_code::normal, done); });
  }

 private:
  template <typename Start>
  error_code run(Start start) {
    bool finished = false;
    error_code result;
    start([&](error_code ec, std::size_t = 0) {
      finished = true;
      result = ec;
    });
    io_.restart();
    io_.run_for(std::chrono::seconds(10));
    if (finished) return result;
    beast::get_lowest_layer(ws_).close();
    io_.restart();
    io_.run_for(std::chrono::seconds(2));
    return asio::error::timed_out;
  }

  asio::io_context io_;
  websocket::stream<beast::tcp_stream> ws_{io_};
};

// --- The proxy: foo.example.com "/raw" -> the raw upstream, "/dead" -> nothing listening,
// everything else -> the echo server. ---

void forward_to(v1::VirtualHost* host, const std::string& name, const std::string& path,
                const std::string& cluster) {
  auto* route = host->add_routes();
  route->set_name(name);
  route->mutable_path()->set_type(v1::PathMatch::PREFIX);
  route->mutable_path()->set_value(path);
  auto* weighted = route->mutable_forward()->add_clusters();
  weighted->set_cluster(cluster);
  weighted->set_weight(1);
}

void add_cluster(v1::Snapshot& snapshot, const std::string& name, std::uint16_t port) {
  auto* cluster = snapshot.add_clusters();
  cluster->set_name(name);
  auto* endpoint = cluster->add_endpoints();
  endpoint->set_address("127.0.0.1");
  endpoint->set_port(port);
}

struct WebSocketFixture : ::testing::Test {
  void SetUp() override {
    EchoOptions echo_options;
    echo_options.name = "echo-ws";
    echo_options.listen = "127.0.0.1:0";
    echo_options.log_requests = false;
    std::string error;
    echo = EchoServer::start(echo_options, error);
    ASSERT_TRUE(echo) << error;
  }
  void TearDown() override {
    if (proxy) proxy->stop();
    if (echo) echo->stop();
  }

  // `raw_port` 0: the /raw route points at a port nothing listens on.
  void start_proxy(std::uint16_t raw_port,
                   std::chrono::milliseconds idle_timeout = std::chrono::seconds(60)) {
    ProxyOptions options;
    options.bind_address = "127.0.0.1";
    options.workers = 2;
    options.upstream_timeout = std::chrono::milliseconds(2000);
    options.client_idle_timeout = idle_timeout;
    options.shutdown_grace = std::chrono::milliseconds(200);
    proxy = ProxyServer::create(options);
    std::string error;
    for (int attempt = 0; attempt < 5; ++attempt) {
      port = free_port();
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
      forward_to(host, "raw", "/raw", "default/raw:80");
      forward_to(host, "dead", "/dead", "default/dead:80");
      forward_to(host, "root", "/", "default/echo:80");
      add_cluster(*snapshot, "default/echo:80", echo->port());
      add_cluster(*snapshot, "default/raw:80", raw_port == 0 ? free_port() : raw_port);
      add_cluster(*snapshot, "default/dead:80", free_port());
      if (proxy->apply(snapshot, error)) return;
    }
    FAIL() << error;
  }

  std::unique_ptr<EchoServer> echo;
  std::unique_ptr<ProxyServer> proxy;
  std::uint16_t port = 0;
};

http::request<http::string_body> upgrade_request(const std::string& target) {
  auto request = make_request(http::verb::get, target, "foo.example.com");
  request.set(http::field::connection, "keep-alive, Upgrade, X-Secret");
  request.set(http::field::upgrade, "websocket");
  request.set("X-Secret", "hop");
  request.set(http::field::keep_alive, "timeout=5");
  return request;
}

TEST_F(WebSocketFixture, EchoesTextBinaryManyAndLargeMessagesThroughTheProxy) {
  start_proxy(0);
  WsClient client;
  ASSERT_TRUE(client.connect(port));
  websocket::response_type handshake;
  ASSERT_FALSE(client.handshake("foo.example.com", "/ws", handshake));
  EXPECT_EQ(handshake.result_int(), 101);
  EXPECT_TRUE(beast::iequals(handshake[http::field::upgrade], "websocket"));
  EXPECT_EQ(handshake.find(http::field::keep_alive), handshake.end());

  std::string echoed;
  bool text = false;
  ASSERT_FALSE(client.write("hello, tunnel", true));
  ASSERT_FALSE(client.read(echoed, text));
  EXPECT_EQ(echoed, "hello, tunnel");
  EXPECT_TRUE(text);

  const std::string binary("\x00\x01\xff\xfe binary\x00", 13);
  ASSERT_FALSE(client.write(binary, false));
  ASSERT_FALSE(client.read(echoed, text));
  EXPECT_EQ(echoed, binary);
  EXPECT_FALSE(text);

  // Several messages in flight at once on the one connection, answered in order.
  for (int i = 0; i < 20; ++i) {
    ASSERT_FALSE(client.write("message " + std::to_string(i), i % 2 == 0));
  }
  for (int i = 0; i < 20; ++i) {
    ASSERT_FALSE(client.read(echoed, text));
    EXPECT_EQ(echoed, "message " + std::to_string(i));
    EXPECT_EQ(text, i % 2 == 0);
  }

  std::string large(1024 * 1024, '\0');
  for (std::size_t i = 0; i < large.size(); ++i) large[i] = static_cast<char>((i * 31) % 251);
  ASSERT_FALSE(client.write(large, false));
  ASSERT_FALSE(client.read(echoed, text));
  EXPECT_EQ(echoed.size(), large.size());
  EXPECT_TRUE(echoed == large);

  // Completes only if the echo's close frame and its end of stream both come back through.
  EXPECT_FALSE(client.close());

  // The proxy still serves ordinary requests afterwards.
  EXPECT_EQ(testing::get_once(port, "/after", "foo.example.com").status, 200);
}

TEST_F(WebSocketFixture, AnUpgradeTheUpstreamDeclinesGetsItsAnswer) {
  start_proxy(0);
  TestConnection connection(port);
  ASSERT_TRUE(connection.connected());
  // The echo server answers an upgrade to any path but /ws with its usual JSON, as the
  // conformance echo server does: so the 200 shows what the proxy sent upstream.
  const auto response = connection.send(upgrade_request("/chat"));
  ASSERT_EQ(response.status, 200) << response.error;
  const std::string& body = response.message.body();
  EXPECT_NE(body.find("\"Upgrade\": [\"websocket\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"Connection\": [\"upgrade\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Forwarded-For\": [\"127.0.0.1\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Forwarded-Host\": [\"foo.example.com\"]"), std::string::npos) << body;
  EXPECT_EQ(body.find("X-Secret"), std::string::npos) << body;
  EXPECT_EQ(body.find("Keep-Alive"), std::string::npos) << body;
  EXPECT_TRUE(response.header("Upgrade").empty());

  // /ws without a handshake is a 400 from the echo server, and the connection goes on.
  const auto plain = connection.send(make_request(http::verb::get, "/ws", "foo.example.com"));
  EXPECT_EQ(plain.status, 400) << plain.error;
  const auto again = connection.send(make_request(http::verb::get, "/again", "foo.example.com"));
  ASSERT_EQ(again.status, 200) << again.error;
  // Without the upgrade, Upgrade and Connection are hop-by-hop as before.
  EXPECT_EQ(again.message.body().find("\"Upgrade\""), std::string::npos);
}

TEST_F(WebSocketFixture, AnUpgradeToADeadEndpointIs502) {
  start_proxy(0);
  TestConnection connection(port);
  ASSERT_TRUE(connection.connected());
  EXPECT_EQ(connection.send(upgrade_request("/dead")).status, 502);

  WsClient client;
  ASSERT_TRUE(client.connect(port));
  websocket::response_type handshake;
  EXPECT_TRUE(client.handshake("foo.example.com", "/dead", handshake));
  EXPECT_EQ(handshake.result_int(), 502);
}

// Switches with bytes right behind its 101, echoes until the client's end of stream, then
// says goodbye and closes: leftovers both ways and a half-close from the client.
TEST_F(WebSocketFixture, ForwardsLeftoversFirstAndPassesOnAClientHalfClose) {
  std::mutex mutex;
  std::string upstream_saw;
  RawUpstream upstream([&](int fd, int) {
    std::string request;
    if (!read_until(fd, request, "\r\n\r\n")) return;
    {
      std::lock_guard lock(mutex);
      upstream_saw = request.substr(0, request.find("\r\n\r\n") + 4);
    }
    if (!send_all(fd,
                  "HTTP/1.1 101 Switching Protocols\r\nUpgrade: lintel-test\r\n"
                  "Connection: Upgrade\r\nKeep-Alive: timeout=5\r\n\r\nserver-first|")) {
      return;
    }
    // Whatever came behind the request header goes back first.
    std::string rest = request.substr(request.find("\r\n\r\n") + 4);
    if (!rest.empty() && !send_all(fd, rest)) return;
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n < 0) return;
      if (n == 0) break;
      if (!send_all(fd, std::string(chunk, static_cast<std::size_t>(n)))) return;
    }
    send_all(fd, "server-bye");
    ::shutdown(fd, SHUT_WR);
  });
  start_proxy(upstream.port());

  RawClient client(port);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(send_all(client.fd(),
                       "GET /raw HTTP/1.1\r\nHost: foo.example.com\r\nUpgrade: lintel-test\r\n"
                       "Connection: Upgrade\r\n\r\nclient-first|"));
  std::string received;
  ASSERT_TRUE(read_until(client.fd(), received, "client-first|")) << received;
  const std::string head = received.substr(0, received.find("\r\n\r\n") + 4);
  EXPECT_TRUE(head.starts_with("HTTP/1.1 101 ")) << head;
  EXPECT_NE(lower(head).find("\r\nupgrade: lintel-test\r\n"), std::string::npos) << head;
  EXPECT_NE(lower(head).find("\r\nconnection: upgrade\r\n"), std::string::npos) << head;
  EXPECT_EQ(lower(head).find("keep-alive"), std::string::npos) << head;
  EXPECT_EQ(received.substr(head.size()), "server-first|client-first|");

  ASSERT_TRUE(send_all(client.fd(), "ping|"));
  received.clear();
  ASSERT_TRUE(read_until(client.fd(), received, "ping|"));
  EXPECT_EQ(received, "ping|");

  // The client's end of stream reaches the upstream, which still gets its goodbye through.
  ::shutdown(client.fd(), SHUT_WR);
  received.clear();
  EXPECT_TRUE(read_to_eof(client.fd(), received));
  EXPECT_EQ(received, "server-bye");

  upstream.stop();
  const std::string saw = lower(upstream_saw);
  EXPECT_NE(saw.find("\r\nupgrade: lintel-test\r\n"), std::string::npos) << upstream_saw;
  EXPECT_NE(saw.find("\r\nconnection: upgrade\r\n"), std::string::npos) << upstream_saw;
  EXPECT_NE(saw.find("\r\nx-forwarded-for: 127.0.0.1\r\n"), std::string::npos) << upstream_saw;
  EXPECT_NE(saw.find("\r\nx-request-id: "), std::string::npos) << upstream_saw;
}

// The upstream ends its side first; the client can still send, and its end of stream ends
// the tunnel.
TEST_F(WebSocketFixture, PassesOnAnUpstreamHalfClose) {
  std::mutex mutex;
  std::string after_close;
  bool upstream_saw_eof = false;
  std::atomic<bool> upstream_done{false};
  RawUpstream upstream([&](int fd, int) {
    std::string request;
    if (!read_until(fd, request, "\r\n\r\n")) return;
    if (!send_all(fd,
                  "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n"
                  "\r\nbye")) {
      return;
    }
    ::shutdown(fd, SHUT_WR);
    std::string got;
    const bool eof = read_to_eof(fd, got);
    std::lock_guard lock(mutex);
    after_close = got;
    upstream_saw_eof = eof;
    upstream_done = true;
  });
  start_proxy(upstream.port());

  RawClient client(port);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(send_all(client.fd(),
                       "GET /raw HTTP/1.1\r\nHost: foo.example.com\r\nUpgrade: x\r\n"
                       "Connection: keep-alive, upgrade\r\n\r\n"));
  std::string received;
  EXPECT_TRUE(read_to_eof(client.fd(), received));
  EXPECT_TRUE(received.starts_with("HTTP/1.1 101 ")) << received;
  EXPECT_TRUE(received.ends_with("\r\n\r\nbye")) << received;

  ASSERT_TRUE(send_all(client.fd(), "still talking"));
  ::shutdown(client.fd(), SHUT_WR);
  // Waited for: stop() would end the upstream's read itself.
  EXPECT_TRUE(wait_for([&] { return upstream_done.load(); }));
  upstream.stop();
  std::lock_guard lock(mutex);
  EXPECT_TRUE(upstream_saw_eof);
  EXPECT_EQ(after_close, "still talking");
  EXPECT_TRUE(ended_within(client.fd(), std::chrono::milliseconds(2000)));
}

TEST_F(WebSocketFixture, AnIdleTunnelIsClosedAndTrafficEitherWayKeepsItOpen) {
  std::atomic<bool> upstream_saw_end{false};
  RawUpstream upstream([&](int fd, int) {
    std::string request;
    if (!read_until(fd, request, "\r\n\r\n")) return;
    if (!send_all(fd,
                  "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n"
                  "\r\n")) {
      return;
    }
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) {
        upstream_saw_end = true;
        return;
      }
      if (!send_all(fd, std::string(chunk, static_cast<std::size_t>(n)))) return;
    }
  });
  start_proxy(upstream.port(), std::chrono::milliseconds(400));

  RawClient client(port);
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(send_all(client.fd(),
                       "GET /raw HTTP/1.1\r\nHost: foo.example.com\r\nUpgrade: x\r\n"
                       "Connection: upgrade\r\n\r\n"));
  std::string received;
  ASSERT_TRUE(read_until(client.fd(), received, "\r\n\r\n"));
  // 1.2 s of traffic every 150 ms, three idle timeouts' worth: the tunnel stays open.
  const auto opened = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    ASSERT_TRUE(send_all(client.fd(), "x")) << i;
    received.clear();
    ASSERT_TRUE(read_until(client.fd(), received, "x")) << i;
  }
  EXPECT_GE(std::chrono::steady_clock::now() - opened, std::chrono::milliseconds(1200));
  // Then silence: closed after about 400 ms, on both sides.
  const auto quiet = std::chrono::steady_clock::now();
  EXPECT_TRUE(ended_within(client.fd(), std::chrono::milliseconds(3000)));
  EXPECT_GE(std::chrono::steady_clock::now() - quiet, std::chrono::milliseconds(300));
  // Waited for: stop() would end the upstream's read itself.
  EXPECT_TRUE(wait_for([&] { return upstream_saw_end.load(); }));
  upstream.stop();
}

// An upgrade never takes a pooled connection, and a declined upgrade whose answer still says
// "Connection: upgrade" is not pooled either; ordinary requests keep reusing theirs.
TEST_F(WebSocketFixture, UpgradesNeverShareUpstreamConnectionsWithThePool) {
  std::mutex mutex;
  std::map<int, int> requests_per_connection;
  RawUpstream upstream([&](int fd, int index) {
    std::string buffer;
    for (;;) {
      if (!read_until(fd, buffer, "\r\n\r\n")) return;
      const std::string head = lower(buffer.substr(0, buffer.find("\r\n\r\n") + 4));
      buffer.erase(0, head.size());
      {
        std::lock_guard lock(mutex);
        ++requests_per_connection[index];
      }
      const bool upgrade = head.find("\r\nupgrade:") != std::string::npos;
      if (!send_all(fd, upgrade ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nUpgrade: x\r\n"
                                  "Connection: upgrade\r\n\r\nno"
                                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
        return;
      }
    }
  });
  start_proxy(upstream.port());

  TestConnection connection(port);
  ASSERT_TRUE(connection.connected());
  auto first = connection.send(make_request(http::verb::get, "/raw/1", "foo.example.com"));
  ASSERT_EQ(first.status, 200) << first.error;
  EXPECT_EQ(first.message.body(), "ok");
  const auto declined = connection.send(upgrade_request("/raw/2"));
  ASSERT_EQ(declined.status, 200) << declined.error;
  EXPECT_EQ(declined.message.body(), "no");
  EXPECT_TRUE(declined.header("Upgrade").empty());
  for (int i = 0; i < 2; ++i) {
    const auto plain = connection.send(make_request(http::verb::get, "/raw/3", "foo.example.com"));
    ASSERT_EQ(plain.status, 200) << plain.error;
    EXPECT_EQ(plain.message.body(), "ok");
  }
  proxy->stop();
  upstream.stop();
  EXPECT_EQ(upstream.connections(), 2);
  std::lock_guard lock(mutex);
  EXPECT_EQ(requests_per_connection[0], 3);
  EXPECT_EQ(requests_per_connection[1], 1);
}

}  // namespace
}  // namespace lintel::dataplane
