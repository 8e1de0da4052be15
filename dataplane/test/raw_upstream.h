#pragma once

// A test upstream that answers every request with its own body (or, for two paths, a fixed
// chunked or close-delimited one) (so a test can check what came
// through byte for byte) and records each request head it received. Bodies may be framed by
// Content-Length or chunked; each connection is served on a thread of its own, and a
// connection idle for kIdleTimeout is closed (reads end by a deadline, see deadline_socket.h).

#include <sys/socket.h>

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "deadline_socket.h"

namespace lintel::dataplane::testing {

class RawUpstream {
 public:
  RawUpstream() : acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
    accept_thread_ = std::thread([this] { accept_loop(); });
  }
  ~RawUpstream() {
    // A blocked accept() does not return when its socket is closed; shutting it down does.
    stopping_ = true;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
    accept_thread_.join();
    // Joined without the lock: a connection thread that read a head just now takes it to
    // record the head before it sees the shutdown. (Joining under the lock deadlocked when the
    // proxy gave up on a request whose head the upstream had not read yet.)
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      boost::system::error_code ec;
      for (auto& socket : sockets_) socket->socket().shutdown(tcp::socket::shutdown_both, ec);
      threads.swap(threads_);
    }
    for (auto& thread : threads) thread.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  std::vector<std::string> heads() const {
    std::lock_guard lock(mutex_);
    return heads_;
  }

 private:
  using tcp = boost::asio::ip::tcp;
  static constexpr std::chrono::milliseconds kIdleTimeout{10000};

  void accept_loop() {
    for (;;) {
      tcp::socket accepted(io_);
      boost::system::error_code ec;
      acceptor_.accept(accepted, ec);
      if (ec || stopping_) return;
      auto socket = std::make_shared<DeadlineSocket>(io_, kIdleTimeout);
      socket->adopt(std::move(accepted));
      std::lock_guard lock(mutex_);
      sockets_.push_back(socket);
      threads_.emplace_back([this, socket] { serve(*socket); });
    }
  }

  // Reads more into `buffer` until `enough(buffer)`; false on end of stream or timeout.
  template <typename Enough>
  static bool read_until_enough(DeadlineSocket& socket, std::string& buffer, const Enough& enough) {
    while (!enough(buffer)) {
      char chunk[16384];
      boost::system::error_code ec;
      const auto n = socket.read_some(boost::asio::buffer(chunk), ec);
      if (ec) return false;
      buffer.append(chunk, n);
    }
    return true;
  }
  static bool read_until(DeadlineSocket& socket, std::string& buffer, std::string_view delimiter) {
    return read_until_enough(socket, buffer, [delimiter](const std::string& read) {
      return read.find(delimiter) != std::string::npos;
    });
  }
  static bool read_exactly(DeadlineSocket& socket, std::string& buffer, std::size_t size) {
    return read_until_enough(socket, buffer,
                             [size](const std::string& read) { return read.size() >= size; });
  }

  void serve(DeadlineSocket& socket) {
    std::string buffer;
    for (;;) {
      if (!read_until(socket, buffer, "\r\n\r\n")) return;
      const auto head_end = buffer.find("\r\n\r\n") + 4;
      const std::string head = buffer.substr(0, head_end);
      buffer.erase(0, head_end);
      {
        std::lock_guard lock(mutex_);
        heads_.push_back(head);
      }
      std::string body;
      const auto length = head.find("Content-Length: ");
      if (head.find("Transfer-Encoding: chunked") != std::string::npos) {
        for (;;) {
          if (!read_until(socket, buffer, "\r\n")) return;
          const auto size = std::stoul(buffer.substr(0, buffer.find("\r\n")), nullptr, 16);
          buffer.erase(0, buffer.find("\r\n") + 2);
          if (!read_exactly(socket, buffer, size + 2)) return;
          body.append(buffer, 0, size);
          buffer.erase(0, size + 2);
          if (size == 0) break;
        }
      } else if (length != std::string::npos) {
        const auto size = std::stoul(head.substr(length + 16));
        if (!read_exactly(socket, buffer, size)) return;
        body = buffer.substr(0, size);
        buffer.erase(0, size);
      }
      // "GET /chunked..." and "GET /close..." get a fixed body in that framing instead.
      const bool close_delimited = head.starts_with("GET /close");
      std::string response;
      if (head.starts_with("GET /chunked")) {
        response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
                   std::string("6\r\nchunky\r\n5\r\n body\r\n0\r\n\r\n");
      } else if (close_delimited) {
        response = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end";
      } else {
        response =
            "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
      }
      boost::system::error_code ec;
      boost::asio::write(socket, boost::asio::buffer(response), ec);
      if (ec || close_delimited) {
        socket.socket().shutdown(tcp::socket::shutdown_send, ec);
        return;
      }
    }
  }

  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<DeadlineSocket>> sockets_;
  std::vector<std::thread> threads_;
  std::vector<std::string> heads_;
};

}  // namespace lintel::dataplane::testing
