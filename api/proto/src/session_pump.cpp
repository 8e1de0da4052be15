#include "lintel/snapshot/session_pump.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>

namespace lintel::snapshot {

namespace {
// Coalesces the session's small frames into one write, but never holds more than this.
constexpr std::size_t kMaxWriteBytes = 64 * 1024;
}  // namespace

SessionPump::SessionPump(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

SessionPump::SessionPump(std::unique_ptr<TlsStream> tls)
    : socket_(tls->get_executor()), tls_(std::move(tls)) {}

SessionPump::~SessionPump() {
  if (session_) nghttp2_session_del(session_);
}

void SessionPump::start(nghttp2_session* session) {
  session_ = session;
  flush();
  read();
}

void SessionPump::read() {
  auto handler = [self = shared_from_this()](const boost::system::error_code& error,
                                             std::size_t bytes) { self->on_read(error, bytes); };
  if (tls_) {
    tls_->async_read_some(boost::asio::buffer(read_buffer_), std::move(handler));
  } else {
    socket_.async_read_some(boost::asio::buffer(read_buffer_), std::move(handler));
  }
}

void SessionPump::on_read(const boost::system::error_code& error, std::size_t bytes) {
  if (closed_) return;
  if (error) {
    close();
    return;
  }
  const auto fed = nghttp2_session_mem_recv(
      session_, reinterpret_cast<const std::uint8_t*>(read_buffer_.data()), bytes);
  if (fed < 0) {
    close();
    return;
  }
  if (nothing_waiting()) on_drained();
  flush();
  if (!closed_) read();
}

// A TLS record may sit half in the socket; then this says "nothing" a little early, which only
// means the newest snapshot is applied one read sooner.
bool SessionPump::nothing_waiting() {
  if (tls_ && SSL_pending(tls_->native_handle()) > 0) return false;
  boost::system::error_code ignored;
  return socket().available(ignored) == 0;
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
  auto handler = [self = shared_from_this()](const boost::system::error_code& error, std::size_t) {
    self->writing_ = false;
    if (error) {
      self->close();
      return;
    }
    self->flush();
  };
  if (tls_) {
    boost::asio::async_write(*tls_, boost::asio::buffer(write_buffer_), std::move(handler));
  } else {
    boost::asio::async_write(socket_, boost::asio::buffer(write_buffer_), std::move(handler));
  }
}

void SessionPump::close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  // No TLS close_notify: the peer learns of the end from the TCP close, as without TLS, and
  // nothing waits on a peer that has stopped reading.
  socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  socket().close(ignored);
  on_closed();
}

}  // namespace lintel::snapshot
