#include "lintel/dataplane/admin_server.h"

#include <atomic>
#include <thread>

#include "accept_connections.h"
#include "asio_beast.h"
#include "io_thread.h"
#include "listen_address.h"

namespace lintel::dataplane {
namespace {

constexpr auto kIdleTimeout = std::chrono::seconds(30);

asio::awaitable<void> serve_admin_connection(tcp::socket socket, const AdminHandlers& handlers) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  error_code ec;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(64 * 1024);
    stream.expires_after(kIdleTimeout);
    co_await http::async_read(stream, buffer, parser,
                              asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    const auto& request = parser.get();
    const auto target = request.target();
    const std::string path(target.data(), target.substr(0, target.find('?')).size());
    http::response<http::string_body> response{http::status::ok, request.version()};
    const auto handler = handlers.find(path);
    if (handler == handlers.end()) {
      response.result(http::status::not_found);
      response.set(http::field::content_type, "text/plain; charset=utf-8");
      response.body() = "not found\n";
    } else if (request.method() != http::verb::get && request.method() != http::verb::head) {
      response.result(http::status::method_not_allowed);
      response.set(http::field::allow, "GET, HEAD");
      response.set(http::field::content_type, "text/plain; charset=utf-8");
      response.body() = "method not allowed\n";
    } else {
      AdminResponse answer;
      try {
        answer = handler->second();
      } catch (const std::exception& failure) {
        // A handler is outside code; its failure is an answer, not a dead admin thread.
        answer = AdminResponse{500, "text/plain; charset=utf-8",
                               std::string("handler failed: ") + failure.what() + "\n"};
      }
      response.result(static_cast<unsigned>(answer.status));
      response.set(http::field::content_type, answer.content_type);
      response.body() = std::move(answer.body);
    }
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    if (request.method() == http::verb::head) response.body().clear();
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !request.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace

struct AdminServer::Impl {
  AdminHandlers handlers;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  std::thread thread;
  std::uint16_t port = 0;
  std::atomic<bool> stopped{false};
};

AdminServer::AdminServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AdminServer::~AdminServer() {
  stop();
}

std::uint16_t AdminServer::port() const {
  return impl_->port;
}

std::unique_ptr<AdminServer> AdminServer::start(const std::string& address, std::uint16_t port,
                                                AdminHandlers handlers, std::string& error) {
  tcp::endpoint endpoint;
  std::string detail;
  if (!make_endpoint(address, port, endpoint, detail)) {
    error = "admin address: " + detail;
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->handlers = std::move(handlers);
  error_code ec;
  const auto fail = [&](const char* step) {
    error = std::string("admin ") + step + " " + endpoint_to_string(endpoint) + ": " + ec.message();
    return nullptr;
  };
  if (impl->acceptor.open(endpoint.protocol(), ec)) return fail("open");
  if (impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec)) return fail("reuse");
  if (impl->acceptor.bind(endpoint, ec)) return fail("bind");
  if (impl->acceptor.listen(asio::socket_base::max_listen_connections, ec)) return fail("listen");
  impl->port = impl->acceptor.local_endpoint().port();
  asio::co_spawn(
      impl->io,
      accept_connections(impl->acceptor,
                         [&handlers = impl->handlers](tcp::socket socket, const tcp::endpoint&) {
                           return serve_admin_connection(std::move(socket), handlers);
                         }),
      [](std::exception_ptr) {});
  impl->thread = start_io_thread(impl->io);
  return std::make_unique<AdminServer>(std::move(impl));
}

void AdminServer::stop() {
  if (impl_->stopped.exchange(true)) return;
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  error_code ignored;
  impl_->acceptor.close(ignored);
}

}  // namespace lintel::dataplane
