#include "lintel/snapshot/session_pump.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>

namespace lintel::snapshot {

namespace {
// Coalesces the session's small frames into one write, but never holds more than this.
constexpr std::size_t kMaxWriteBytes = 64 * 1024;
}  // namespace

SessionPump::SessionPump(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

SessionPump::~SessionPump() {
  if (session_) nghttp2_session_del(session_);
}

void SessionPump::start(nghttp2_session* session) {
  session_ = session;
  flush();
  read();
}

void SessionPump::read() {
  socket_.async_read_some(
      boost::asio::buffer(read_buffer_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t bytes) {
        if (self->closed_) return;
        if (error) {
          self->close();
          return;
        }
        const auto fed = nghttp2_session_mem_recv(
            self->session_, reinterpret_cast<const std::uint8_t*>(self->read_buffer_.data()),
            bytes);
        if (fed < 0) {
          self->close();
          return;
        }
        boost::system::error_code ignored;
        if (self->socket_.available(ignored) == 0) self->on_drained();
        self->flush();
        if (!self->closed_) self->read();
      });
}

void SessionPump::flush() {
  if (writing_ || closed_ || !session_) return;
  write_buffer_.clear();
  while (write_buffer_.size() < kMaxWriteBytes) {
    const std::uint8_t* data = nullptr;
    const auto length = nghttp2_session_mem_send(session_, &data);
    if (length < 0) {
      close();
      return;
    }
    if (length == 0) break;
    write_buffer_.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  }
  if (write_buffer_.empty()) {
    // Both sides are done (GOAWAY sent and received, or a fatal error was queued and sent).
    if (!nghttp2_session_want_read(session_) && !nghttp2_session_want_write(session_)) close();
    return;
  }
  writing_ = true;
  boost::asio::async_write(
      socket_, boost::asio::buffer(write_buffer_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
        self->writing_ = false;
        if (error) {
          self->close();
          return;
        }
        self->flush();
      });
}

void SessionPump::close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  on_closed();
}

}  // namespace lintel::snapshot
