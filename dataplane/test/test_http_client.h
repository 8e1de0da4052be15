#pragma once

// A small blocking HTTP/1.1 client for tests: every socket read and write ends within
// kOperationTimeout (a poll() deadline, see deadline_socket.h), so a server bug fails the test
// with "timed out" instead of hanging it.

// Before Asio: Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

// clang-format off
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
// clang-format on
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "deadline_socket.h"

namespace lintel::dataplane::testing {

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct TestResponse {
  int status = 0;  // 0: no response (connection closed or failed)
  http::response<http::string_body> message;
  std::string error;
  std::string header(const std::string& name) const {
    const auto found = message.find(name);
    return found == message.end() ? std::string() : std::string(found->value());
  }
};

class TestConnection {
 public:
  // Long enough for a loaded CI machine, short enough that a hang fails well before CTest's.
  static constexpr std::chrono::milliseconds kOperationTimeout{10000};

  explicit TestConnection(std::uint16_t port,
                          std::chrono::milliseconds operation_timeout = kOperationTimeout)
      : socket_(io_, operation_timeout) {
    connected_ = !socket_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }
  bool connected() const { return connected_; }

  bool write_raw(const std::string& bytes) {
    boost::system::error_code ec;
    boost::asio::write(socket_, boost::asio::buffer(bytes), ec);
    return !ec;
  }

  TestResponse send(http::request<http::string_body> request) {
    request.prepare_payload();
    boost::system::error_code ec;
    http::write(socket_, request, ec);
    if (ec) return TestResponse{0, {}, "write: " + ec.message()};
    return read(request.method() == http::verb::head);
  }

  TestResponse read(bool head = false) {
    TestResponse response;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (head) parser.skip(true);
    boost::system::error_code ec;
    http::read(socket_, buffer_, parser, ec);
    if (ec) {
      response.error = "read: " + ec.message();
      return response;
    }
    response.message = parser.release();
    response.status = response.message.result_int();
    return response;
  }

  // Ends what this side sends (a half-close): the server sees end of stream.
  void shutdown_send() {
    boost::system::error_code ec;
    socket_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // True when the server closed the connection (a read sees end of stream in time).
  bool closed_by_peer() {
    char byte;
    boost::system::error_code ec;
    socket_.read_some(boost::asio::buffer(&byte, 1), ec);
    return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
  }

 private:
  boost::asio::io_context io_;
  DeadlineSocket socket_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
};

inline http::request<http::string_body> make_request(http::verb method, const std::string& target,
                                                     const std::string& host) {
  http::request<http::string_body> request{method, target, 11};
  if (!host.empty()) request.set(http::field::host, host);
  request.set(http::field::user_agent, "lintel-test");
  return request;
}

inline TestResponse get_once(std::uint16_t port, const std::string& target,
                             const std::string& host = "example.com") {
  TestConnection connection(port);
  if (!connection.connected()) return TestResponse{0, {}, "connect failed"};
  auto request = make_request(http::verb::get, target, host);
  request.keep_alive(false);
  return connection.send(std::move(request));
}

// A loopback port nothing listens on right now. Racy by nature: callers retry a bind that fails.
inline std::uint16_t free_port() {
  boost::asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

}  // namespace lintel::dataplane::testing
