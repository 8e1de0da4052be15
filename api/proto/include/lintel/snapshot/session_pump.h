#pragma once

#include <nghttp2/nghttp2.h>

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <memory>
#include <string>

namespace lintel::snapshot {

// Drives one nghttp2 session over a TCP socket or a TLS stream on one, for both ends of the
// snapshot stream: what arrives is fed to the session; what the session has to send is written,
// one write at a time, so that the session (and HTTP/2 flow control) decides how much is in
// flight. Everything runs on the socket's executor. Subclasses create the session (with `this`
// as its user data), then call start(); the pump keeps itself alive (shared_from_this) while
// reads or writes are under way.
class SessionPump : public std::enable_shared_from_this<SessionPump> {
 public:
  using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

  explicit SessionPump(boost::asio::ip::tcp::socket socket);
  // A TLS stream whose handshake is done.
  explicit SessionPump(std::unique_ptr<TlsStream> tls);
  virtual ~SessionPump();
  SessionPump(const SessionPump&) = delete;
  SessionPump& operator=(const SessionPump&) = delete;

  // Sends what the session has queued (call after submitting or resuming anything).
  void flush();
  // Closes the socket at once; on_closed() follows. Safe to call twice.
  void close();
  bool closed() const { return closed_; }
  boost::asio::ip::tcp::socket& socket() { return tls_ ? tls_->next_layer() : socket_; }

 protected:
  // Takes ownership of the session and starts reading.
  void start(nghttp2_session* session);
  nghttp2_session* session() const { return session_; }
  // Called after what arrived was fed to the session and nothing more is waiting on the socket:
  // the moment to act on the newest of what came, rather than on each piece of a backlog.
  virtual void on_drained() {}
  // Called once, when the connection is over (either side closed it, or an error).
  virtual void on_closed() {}

 private:
  void read();
  void on_read(const boost::system::error_code& error, std::size_t bytes);
  bool nothing_waiting();

  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<TlsStream> tls_;
  nghttp2_session* session_ = nullptr;
  std::array<char, 16 * 1024> read_buffer_;
  std::string write_buffer_;
  bool writing_ = false;
  bool closed_ = false;
};

}  // namespace lintel::snapshot
