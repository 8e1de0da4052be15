#pragma once

// A blocking-style TCP socket for test clients and test servers whose every read and write ends
// by a deadline. Asio's synchronous operations ignore SO_RCVTIMEO/SO_SNDTIMEO (on EAGAIN they
// poll() again without a limit), so the socket is non-blocking and each wait is a bounded
// poll(): a server that never answers fails the test with "timed out" instead of hanging it.
// Satisfies SyncReadStream and SyncWriteStream, so Beast's http::read/write and asio::write
// work on it.

#include <poll.h>

// Before Asio: Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

// clang-format off
#include <boost/asio.hpp>
// clang-format on
#include <chrono>

namespace lintel::dataplane::testing {

class DeadlineSocket {
 public:
  using executor_type = boost::asio::ip::tcp::socket::executor_type;
  using error_code = boost::system::error_code;

  DeadlineSocket(boost::asio::io_context& io, std::chrono::milliseconds per_operation)
      : socket_(io), per_operation_(per_operation) {}

  // Takes a connected (or accepted) socket.
  void adopt(boost::asio::ip::tcp::socket socket) {
    socket_ = std::move(socket);
    error_code ec;
    socket_.non_blocking(true, ec);
  }
  error_code connect(const boost::asio::ip::tcp::endpoint& endpoint) {
    error_code ec;
    socket_.connect(endpoint, ec);
    if (!ec) socket_.non_blocking(true, ec);
    return ec;
  }

  boost::asio::ip::tcp::socket& socket() { return socket_; }
  executor_type get_executor() { return socket_.get_executor(); }

  template <typename Buffers>
  std::size_t read_some(const Buffers& buffers, error_code& ec) {
    const auto deadline = Clock::now() + per_operation_;
    for (;;) {
      const std::size_t n = socket_.read_some(buffers, ec);
      if (ec != boost::asio::error::would_block) return n;
      if (!wait(POLLIN, deadline, ec)) return 0;
    }
  }
  template <typename Buffers>
  std::size_t read_some(const Buffers& buffers) {
    error_code ec;
    const std::size_t n = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

  template <typename Buffers>
  std::size_t write_some(const Buffers& buffers, error_code& ec) {
    const auto deadline = Clock::now() + per_operation_;
    for (;;) {
      const std::size_t n = socket_.write_some(buffers, ec);
      if (ec != boost::asio::error::would_block) return n;
      if (!wait(POLLOUT, deadline, ec)) return 0;
    }
  }
  template <typename Buffers>
  std::size_t write_some(const Buffers& buffers) {
    error_code ec;
    const std::size_t n = write_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

 private:
  using Clock = std::chrono::steady_clock;

  // False with `ec` set to timed_out once the deadline passes first.
  bool wait(short events, Clock::time_point deadline, error_code& ec) {
    for (;;) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        ec = boost::asio::error::timed_out;
        return false;
      }
      pollfd descriptor{socket_.native_handle(), events, 0};
      const int ready = ::poll(&descriptor, 1, static_cast<int>(left.count()));
      if (ready > 0) return true;  // readable, writable, or an error the next call reports
      if (ready < 0 && errno != EINTR) {
        ec = error_code(errno, boost::system::system_category());
        return false;
      }
    }
  }

  boost::asio::ip::tcp::socket socket_;
  std::chrono::milliseconds per_operation_;
};

}  // namespace lintel::dataplane::testing
