#include "lintel/dataplane/echo_server.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include "accept_connections.h"
#include "asio_beast.h"
#include "echo_reply.h"
#include "echo_retry.h"
#include "go_duration.h"
#include "io_thread.h"
#include "listen_address.h"
#include "reuse_port_acceptor.h"

// After asio_beast.h, which must precede every Boost.Asio include.
#include <boost/beast/websocket.hpp>

namespace lintel::dataplane {
namespace {

constexpr std::size_t kHeaderLimit = 64 * 1024;
constexpr std::uint64_t kBodyLimit = 16 * 1024 * 1024;
constexpr auto kIdleTimeout = std::chrono::seconds(60);
// Long enough for any conformance timeout test, short enough that a typo cannot park a
// connection for days.
constexpr auto kMaxDelay = std::chrono::hours(1);

struct EchoContext {
  EchoIdentity identity;
  bool log_requests = true;
  bool flush_each_line = false;
  // `/retry/`'s per-uuid counts; shared by the workers, hence behind its own lock.
  mutable RetryCounter retries;
};

std::string_view view(beast::string_view s) {
  return {s.data(), s.size()};
}

// "//" collapses to "/" for choosing a handler only, as Go's ServeMux does; the echoed path
// stays the raw request-target.
std::string mux_path(std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  return out;
}

asio::awaitable<void> write_plain(beast::tcp_stream& stream, http::status status, unsigned version,
                                  std::string_view body, bool keep_alive, error_code& ec) {
  http::response<http::string_body> response{status, version};
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  response.body() = body;
  response.keep_alive(keep_alive);
  response.prepare_payload();
  co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
}

// `/ws`: the conformance echo server's WebSocket endpoint. Takes over the connection after the
// handshake and echoes every text and binary message back unchanged until the client closes.
asio::awaitable<void> serve_websocket(beast::tcp_stream stream,
                                      const http::request<http::buffer_body>& request) {
  namespace websocket = beast::websocket;
  // The WebSocket stream keeps its own timeouts (handshake, idle with pings); two sets of
  // timers on one socket would fight.
  stream.expires_never();
  websocket::stream<beast::tcp_stream> ws(std::move(stream));
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.read_message_max(kBodyLimit);
  error_code ec;
  co_await ws.async_accept(request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  beast::flat_buffer message;
  for (;;) {
    // A close frame from the client ends this read with websocket::error::closed, after Beast
    // answered it and shut the connection down.
    co_await ws.async_read(message, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    ws.text(ws.got_text());
    co_await ws.async_write(message.data(), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    message.consume(message.size());
  }
}

void log_request(const EchoContext& context, std::string_view target, const std::string& remote) {
  std::string line = "Echoing back request made to ";
  line.append(target);
  line.append(" to client (");
  line.append(remote);
  line.append(")\n");
  std::fwrite(line.data(), 1, line.size(), stdout);
  if (context.flush_each_line) std::fflush(stdout);
}

asio::awaitable<void> serve_connection(tcp::socket socket, tcp::endpoint peer,
                                       const EchoContext& context) {
  error_code ec;
  const std::string remote = endpoint_to_string(peer);
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  char discard[16 * 1024];
  for (;;) {
    http::request_parser<http::buffer_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(kBodyLimit);
    stream.expires_after(kIdleTimeout);
    co_await http::async_read_header(stream, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, ec));
    if (ec == http::error::header_limit) {
      co_await write_plain(stream, http::status::request_header_fields_too_large, 11,
                           "request header too large\n", false, ec);
      break;
    }
    if (ec == http::error::body_limit) {
      co_await write_plain(stream, http::status::payload_too_large, 11, "request body too large\n",
                           false, ec);
      break;
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout) {
      break;
    }
    if (ec) {
      if (parser.got_some()) {
        co_await write_plain(stream, http::status::bad_request, 11, "bad request\n", false, ec);
      }
      break;
    }
    auto& request = parser.get();
    if (beast::iequals(request[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, 11};
      co_await http::async_write(stream, go_on, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
    }
    while (!parser.is_done()) {
      request.body().data = discard;
      request.body().size = sizeof(discard);
      co_await http::async_read(stream, buffer, parser,
                                asio::redirect_error(asio::use_awaitable, ec));
      if (ec == http::error::need_buffer) ec = {};
      if (ec) break;
    }
    if (ec == http::error::body_limit) {
      co_await write_plain(stream, http::status::payload_too_large, request.version(),
                           "request body too large\n", false, ec);
      break;
    }
    if (ec) break;

    const std::string_view target = view(request.target());
    const bool keep_alive = request.keep_alive();
    if (context.log_requests) log_request(context, target, remote);

    std::string delay_text;
    if (find_query_parameter(target, "delay", delay_text)) {
      const auto delay = parse_go_duration(delay_text);
      if (delay && delay->count() > 0) {
        asio::steady_timer timer(stream.get_executor());
        timer.expires_after(std::min<std::chrono::nanoseconds>(*delay, kMaxDelay));
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
    }

    const std::string path = mux_path(target);
    RetryDecision retry;
    if (path.starts_with("/retry/")) {
      retry = context.retries.decide(target);
      if (retry.delay.count() > 0) {
        asio::steady_timer timer(stream.get_executor());
        timer.expires_after(std::min<std::chrono::nanoseconds>(retry.delay, kMaxDelay));
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
    }
    stream.expires_after(kIdleTimeout);
    if (retry.kind == RetryDecision::Kind::kReset) {
      // A connection reset (RST), not a close: what the retry tests' failing backend does.
      stream.socket().set_option(asio::socket_base::linger(true, 0), ec);
      stream.socket().close(ec);
      co_return;
    } else if (retry.kind == RetryDecision::Kind::kBadRequest) {
      co_await write_plain(stream, http::status::bad_request, request.version(),
                           "retry needs uuid and succeedAfter\n", keep_alive, ec);
    } else if (retry.kind == RetryDecision::Kind::kFailWithStatus) {
      http::response<http::empty_body> response{static_cast<http::status>(retry.status),
                                                request.version()};
      apply_echo_set_header(request.base(), response.base());
      response.keep_alive(keep_alive);
      response.content_length(0);
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    } else if (path == "/ws") {
      if (beast::websocket::is_upgrade(request)) {
        // A WebSocket client sends nothing before the 101, so nothing is left in `buffer`.
        co_await serve_websocket(std::move(stream), request);
        co_return;
      }
      co_await write_plain(stream, http::status::bad_request, request.version(),
                           "websocket handshake expected\n", keep_alive, ec);
    } else if (path == "/health") {
      co_await write_plain(stream, http::status::ok, request.version(), "OK", keep_alive, ec);
    } else if (path.starts_with("/status/")) {
      const std::string_view code = std::string_view(path).substr(8);
      const bool three_digits = code.size() == 3 && code[0] >= '2' && code[0] <= '9' &&
                                code[1] >= '0' && code[1] <= '9' && code[2] >= '0' &&
                                code[2] <= '9';
      if (!three_digits) {
        co_await write_plain(stream, http::status::bad_request, request.version(),
                             "status must be three digits, 200 to 999\n", keep_alive, ec);
      } else {
        http::response<http::empty_body> response{
            static_cast<http::status>(std::stoi(std::string(code))), request.version()};
        apply_echo_set_header(request.base(), response.base());
        response.keep_alive(keep_alive);
        response.content_length(0);
        co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      }
    } else {
      http::response<http::string_body> response{http::status::ok, request.version()};
      apply_echo_set_header(request.base(), response.base());
      response.set(http::field::content_type, "application/json");
      response.set("X-Content-Type-Options", "nosniff");
      response.body() = echo_json_body(request.base(), context.identity);
      response.keep_alive(keep_alive);
      response.prepare_payload();
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

// A log reader (the mirror tests) should see lines within a moment, without paying a flush
// per request when stdout is a pipe or file.
asio::awaitable<void> flush_stdout_periodically(asio::io_context& io) {
  asio::steady_timer timer(io);
  for (;;) {
    error_code ec;
    timer.expires_after(std::chrono::milliseconds(200));
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    std::fflush(stdout);
  }
}

}  // namespace

struct EchoServer::Impl {
  struct Worker {
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    std::thread thread;
  };
  EchoContext context;
  std::uint16_t port = 0;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<bool> stopped{false};
};

EchoServer::EchoServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

EchoServer::~EchoServer() {
  stop();
}

std::uint16_t EchoServer::port() const {
  return impl_->port;
}

std::unique_ptr<EchoServer> EchoServer::start(const EchoOptions& options, std::string& error) {
  tcp::endpoint endpoint;
  if (!parse_listen_address(options.listen, endpoint, error)) return nullptr;
  auto impl = std::make_unique<Impl>();
  const unsigned worker_count = options.workers == 0 ? 1 : options.workers;
  for (unsigned i = 0; i < worker_count; ++i) {
    auto worker = std::make_unique<Impl::Worker>();
    if (!open_reuse_port_acceptor(worker->acceptor, endpoint, error)) return nullptr;
    // Port 0 resolves on the first bind; the other workers must join that same port.
    if (i == 0) endpoint.port(worker->acceptor.local_endpoint().port());
    impl->workers.push_back(std::move(worker));
  }
  impl->port = endpoint.port();
  impl->context.identity =
      EchoIdentity{options.namespace_, options.ingress, options.name,
                   options.pod.empty() ? options.name : options.pod, std::to_string(impl->port)};
  impl->context.log_requests = options.log_requests;
  impl->context.flush_each_line = options.log_requests && ::isatty(STDOUT_FILENO) == 1;
  if (impl->context.log_requests && !impl->context.flush_each_line) {
    asio::co_spawn(impl->workers.front()->io, flush_stdout_periodically(impl->workers.front()->io),
                   [](std::exception_ptr) {});
  }
  for (auto& worker : impl->workers) {
    asio::co_spawn(worker->io,
                   accept_connections(
                       worker->acceptor,
                       [&context = impl->context](tcp::socket socket, const tcp::endpoint& peer) {
                         return serve_connection(std::move(socket), peer, context);
                       }),
                   [](std::exception_ptr) {});
    worker->thread = start_io_thread(worker->io);
  }
  return std::make_unique<EchoServer>(std::move(impl));
}

void EchoServer::stop() {
  if (impl_->stopped.exchange(true)) return;
  for (auto& worker : impl_->workers) worker->io.stop();
  for (auto& worker : impl_->workers) {
    if (worker->thread.joinable()) worker->thread.join();
    // The kernel would keep completing handshakes on a listening socket nobody accepts from.
    error_code ignored;
    worker->acceptor.close(ignored);
  }
  // Block-buffered stdout would otherwise hold the last request lines until process exit.
  if (impl_->context.log_requests) std::fflush(stdout);
}

}  // namespace lintel::dataplane
