#include "lintel/controller/snapshot_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "lintel/snapshot/message_frames.h"
#include "lintel/snapshot/session_pump.h"
#include "lintel/snapshot/stream_headers.h"
#include "lintel/snapshot/v1/stream.pb.h"
#include "lintel/support/log.h"

namespace lintel::controller {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// One encoded snapshot, shared by every connection that sends it.
struct EncodedSnapshot {
  std::uint64_t version = 0;
  std::string frame;
};
using EncodedPtr = std::shared_ptr<const EncodedSnapshot>;

class ProxyConnection;

}  // namespace

struct SnapshotServer::Impl : std::enable_shared_from_this<SnapshotServer::Impl> {
  Impl(SnapshotServerOptions options) : options(options), acceptor(io) {}

  void accept();
  void admit(tcp::socket socket);
  void handshake(tcp::socket socket, const std::string& peer);
  void serve(std::shared_ptr<ProxyConnection> connection, const std::string& peer);
  void update(std::uint64_t id, const std::function<void(ProxyReport&)>& change) {
    std::lock_guard lock(mutex);
    if (auto found = reports.find(id); found != reports.end()) change(found->second);
  }

  SnapshotServerOptions options;
  asio::io_context io;
  tcp::acceptor acceptor;
  std::thread thread;
  bool stopped = false;
  std::uint16_t port = 0;  // read by any thread, so taken once, before the io thread starts
  // Touched on the io thread only.
  EncodedPtr newest;
  std::set<std::shared_ptr<ProxyConnection>> connections;
  std::uint64_t next_id = 1;
  // Connections still in their TLS handshake, closed by stop() too.
  std::set<snapshot::SessionPump::TlsStream*> handshaking;
  // Read by proxies() on any thread.
  mutable std::mutex mutex;
  std::map<std::uint64_t, ProxyReport> reports;
};

namespace {

class ProxyConnection : public snapshot::SessionPump {
 public:
  template <typename Stream>
  ProxyConnection(Stream stream, std::shared_ptr<SnapshotServer::Impl> server, std::uint64_t id)
      : SessionPump(std::move(stream)),
        server_(std::move(server)),
        id_(id),
        decoder_(server_->options.max_proxy_message_bytes) {}

  void begin() {
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &ProxyConnection::on_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks,
                                                         &ProxyConnection::on_frame_recv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &ProxyConnection::on_data);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks,
                                                           &ProxyConnection::on_stream_close);
    nghttp2_session* session = nullptr;
    nghttp2_session_server_new(&session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);
    // One stream per proxy; a peer opening many gets them refused.
    const nghttp2_settings_entry settings[] = {{NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 1}};
    nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, settings, 1);
    start(session);
  }

  // The newest snapshot: sent next, after the one under way (if any) is finished.
  void offer(EncodedPtr snapshot) {
    if (sending_) {
      pending_ = std::move(snapshot);
    } else {
      sending_ = std::move(snapshot);
      offset_ = 0;
    }
    if (stream_id_ != 0) {
      nghttp2_session_resume_data(session(), stream_id_);
      flush();
    }
  }

 private:
  void on_closed() override {
    {
      std::lock_guard lock(server_->mutex);
      server_->reports.erase(id_);
    }
    // Off the io thread's current call stack: the set holds the last owner but one.
    asio::post(server_->io, [server = server_, self = shared_from_this()] {
      server->connections.erase(std::static_pointer_cast<ProxyConnection>(self));
    });
  }

  static ProxyConnection& of(void* user_data) { return *static_cast<ProxyConnection*>(user_data); }

  static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
                       std::size_t name_length, const std::uint8_t* value, std::size_t value_length,
                       std::uint8_t, void* user_data) {
    if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
    const std::string_view header(reinterpret_cast<const char*>(name), name_length);
    const std::string_view text(reinterpret_cast<const char*>(value), value_length);
    auto& self = of(user_data);
    if (header == ":path") self.path_ = text;
    if (header == ":method") self.method_ = text;
    return 0;
  }

  static int on_frame_recv(nghttp2_session* session, const nghttp2_frame* frame, void* user_data) {
    if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
    auto& self = of(user_data);
    const std::int32_t stream = frame->hd.stream_id;
    if (self.path_ != snapshot::kStreamPath || self.method_ != "POST" || self.stream_id_ != 0) {
      // gRPC's "trailers only" answer: the status is in the headers, and the stream ends.
      const nghttp2_nv headers[] = {snapshot::header(":status", "200"),
                                    snapshot::header("content-type", snapshot::kStreamContentType),
                                    snapshot::header("grpc-status", "12"),
                                    snapshot::header("grpc-message", "no such method")};
      nghttp2_submit_response(session, stream, headers, 4, nullptr);
      return 0;
    }
    self.stream_id_ = stream;
    const nghttp2_nv headers[] = {snapshot::header(":status", "200"),
                                  snapshot::header("content-type", snapshot::kStreamContentType)};
    nghttp2_data_provider body{};
    body.read_callback = &ProxyConnection::read_body;
    nghttp2_submit_response(session, stream, headers, 2, &body);
    return 0;
  }

  // The response body: the snapshot under way, then the pending one; deferred when there is
  // none, until offer() resumes it.
  static ssize_t read_body(nghttp2_session*, std::int32_t, std::uint8_t* buffer, std::size_t length,
                           std::uint32_t*, nghttp2_data_source*, void* user_data) {
    auto& self = of(user_data);
    if (!self.sending_) return NGHTTP2_ERR_DEFERRED;
    if (self.offset_ == 0) {
      const std::uint64_t version = self.sending_->version;
      self.server_->update(self.id_, [version](ProxyReport& report) { report.sent = version; });
    }
    const std::string& frame = self.sending_->frame;
    const std::size_t take = std::min(length, frame.size() - self.offset_);
    std::copy_n(frame.data() + self.offset_, take, buffer);
    self.offset_ += take;
    if (self.offset_ == frame.size()) {
      self.sending_ = std::move(self.pending_);
      self.pending_.reset();
      self.offset_ = 0;
    }
    return static_cast<ssize_t>(take);
  }

  static int on_data(nghttp2_session* session, std::uint8_t, std::int32_t stream,
                     const std::uint8_t* data, std::size_t length, void* user_data) {
    auto& self = of(user_data);
    if (stream != self.stream_id_) return 0;
    std::vector<std::string> messages;
    std::string error;
    const bool framed = self.decoder_.feed(
        std::string_view(reinterpret_cast<const char*>(data), length), messages, error);
    for (const auto& bytes : messages) {
      snapshot::v1::ProxyMessage message;
      if (!message.ParseFromString(bytes)) {
        error = "a message that is not a ProxyMessage";
        break;
      }
      self.take(message);
    }
    if (!framed || !error.empty()) {
      log::warn("proxy sent a malformed stream; closing its connection",
                {{"peer", self.peer_}, {"error", error}});
      nghttp2_session_terminate_session(session, NGHTTP2_PROTOCOL_ERROR);
    }
    return 0;
  }

  void take(const snapshot::v1::ProxyMessage& message) {
    if (message.has_hello()) {
      const std::string node = message.hello().node().substr(0, 253);
      server_->update(id_, [&](ProxyReport& report) { report.node = node; });
      log::info("proxy connected", {{"node", node}, {"peer", peer_}});
    } else if (message.has_ack()) {
      const std::uint64_t version = message.ack().version();
      server_->update(id_, [&](ProxyReport& report) { report.acked = version; });
    } else if (message.has_nack()) {
      const auto& nack = message.nack();
      std::string node;
      server_->update(id_, [&](ProxyReport& report) {
        report.nacked = nack.version();
        report.nack_error = nack.error();
        node = report.node;
      });
      log::error("proxy refused a snapshot; it keeps serving the one before",
                 {{"node", node},
                  {"peer", peer_},
                  {"version", std::to_string(nack.version())},
                  {"error", nack.error()}});
    }
  }

  static int on_stream_close(nghttp2_session* session, std::int32_t stream, std::uint32_t,
                             void* user_data) {
    auto& self = of(user_data);
    // The proxy ended its stream: nothing more to send it on this connection.
    if (stream == self.stream_id_) nghttp2_session_terminate_session(session, NGHTTP2_NO_ERROR);
    return 0;
  }

 public:
  std::uint64_t id() const { return id_; }
  std::string peer_;

 private:
  std::shared_ptr<SnapshotServer::Impl> server_;
  std::uint64_t id_;
  snapshot::FrameDecoder decoder_;
  std::string path_;
  std::string method_;
  std::int32_t stream_id_ = 0;
  EncodedPtr sending_;
  EncodedPtr pending_;
  std::size_t offset_ = 0;
};

// A proxy whose host vanished (no FIN, no RST) would hold its connection for hours: the
// kernel gives up on it after 10 s of silence and three unanswered probes 5 s apart, or when
// data sent to it stays unacknowledged for 30 s.
void detect_dead_peers(tcp::socket& socket) {
  const int fd = socket.native_handle();
  const int on = 1, idle = 10, interval = 5, probes = 3;
  const unsigned unacknowledged_ms = 30000;
  setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes);
  setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &unacknowledged_ms, sizeof unacknowledged_ms);
}

std::string describe(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  return (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
         std::to_string(endpoint.port());
}

}  // namespace

void SnapshotServer::Impl::accept() {
  acceptor.async_accept(
      [self = shared_from_this()](const boost::system::error_code& error, tcp::socket socket) {
        if (self->stopped) return;
        if (!error) self->admit(std::move(socket));
        self->accept();
      });
}

void SnapshotServer::Impl::admit(tcp::socket socket) {
  boost::system::error_code ignored;
  const std::string peer = describe(socket.remote_endpoint(ignored));
  // Connections still in their TLS handshake count too, so a flood of them is bounded.
  if (connections.size() + handshaking.size() >= options.max_proxies) {
    log::warn("too many proxies; refusing one", {{"peer", peer}});
    return;
  }
  socket.set_option(tcp::no_delay(true), ignored);
  detect_dead_peers(socket);
  if (options.tls) {
    handshake(std::move(socket), peer);
  } else {
    serve(std::make_shared<ProxyConnection>(std::move(socket), shared_from_this(), next_id++),
          peer);
  }
}

void SnapshotServer::Impl::handshake(tcp::socket socket, const std::string& peer) {
  std::string error;
  auto context = snapshot::server_tls_context(*options.tls, error);
  if (!context) {
    log::error("cannot secure a proxy's connection; refusing it",
               {{"peer", peer}, {"error", error}});
    return;
  }
  auto stream = std::make_unique<snapshot::SessionPump::TlsStream>(std::move(socket), *context);
  auto timer = std::make_shared<asio::steady_timer>(io, options.handshake_timeout);
  auto* raw = stream.get();
  // Only while the stream is still handshaking: an expiry already queued when the handshake
  // ended must not touch a stream that has moved on, or is gone.
  timer->async_wait([self = shared_from_this(), raw](const boost::system::error_code& error) {
    if (error || !self->handshaking.count(raw)) return;
    boost::system::error_code ignored;
    raw->next_layer().close(ignored);
  });
  handshaking.insert(raw);
  raw->async_handshake(
      asio::ssl::stream_base::server,
      [self = shared_from_this(), timer, peer,
       stream = std::move(stream)](const boost::system::error_code& error) mutable {
        self->handshaking.erase(stream.get());
        timer->cancel();
        if (self->stopped) return;
        if (error) {
          const std::string reason = snapshot::openssl_error();
          log::warn("a proxy's TLS handshake failed",
                    {{"peer", peer}, {"error", reason.empty() ? error.message() : reason}});
          return;
        }
        // The SSL object holds its own reference to the context's certificates and CA.
        self->serve(std::make_shared<ProxyConnection>(std::move(stream), self, self->next_id++),
                    peer);
      });
}

void SnapshotServer::Impl::serve(std::shared_ptr<ProxyConnection> connection,
                                 const std::string& peer) {
  connection->peer_ = peer;
  {
    std::lock_guard lock(mutex);
    reports[connection->id()].peer = peer;
  }
  connections.insert(connection);
  connection->begin();
  if (newest) connection->offer(newest);
}

std::unique_ptr<SnapshotServer> SnapshotServer::start(const std::string& address,
                                                      std::uint16_t port, std::string& error,
                                                      SnapshotServerOptions options) {
  if (options.tls && !snapshot::server_tls_context(*options.tls, error)) return nullptr;
  auto impl = std::make_shared<Impl>(options);
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) {
    error = "\"" + address + "\" is not an IP address";
    return nullptr;
  }
  const tcp::endpoint endpoint(ip, port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + describe(endpoint) + ": " + ec.message();
    return nullptr;
  }
  impl->port = impl->acceptor.local_endpoint(ec).port();
  impl->accept();
  impl->thread = std::thread([impl = impl.get()] { impl->io.run(); });
  return std::make_unique<SnapshotServer>(std::move(impl));
}

SnapshotServer::SnapshotServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

SnapshotServer::~SnapshotServer() {
  stop();
}

std::uint16_t SnapshotServer::port() const {
  return impl_->port;
}

void SnapshotServer::publish(std::shared_ptr<const snapshot::v1::Snapshot> snapshot) {
  auto encoded = std::make_shared<EncodedSnapshot>();
  encoded->version = snapshot->version();
  snapshot::v1::ControllerMessage message;
  // The message only borrows the snapshot for the encoding.
  message.unsafe_arena_set_allocated_snapshot(const_cast<snapshot::v1::Snapshot*>(snapshot.get()));
  encoded->frame = snapshot::frame_message(message.SerializeAsString());
  message.unsafe_arena_release_snapshot();
  asio::post(impl_->io, [impl = impl_, encoded = EncodedPtr(std::move(encoded))] {
    impl->newest = encoded;
    for (const auto& connection : impl->connections)
      if (!connection->closed()) connection->offer(encoded);
  });
}

std::vector<ProxyReport> SnapshotServer::proxies() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<ProxyReport> reports;
  for (const auto& [id, report] : impl_->reports) reports.push_back(report);
  return reports;
}

void SnapshotServer::stop() {
  if (!impl_->thread.joinable()) return;
  asio::post(impl_->io, [impl = impl_] {
    impl->stopped = true;
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
    auto connections = impl->connections;
    for (const auto& connection : connections) connection->close();
    for (auto* stream : impl->handshaking) stream->next_layer().close(ignored);
    impl->connections.clear();
  });
  // Bounded: the posted close ends every read and write, so run() returns once they unwind.
  impl_->thread.join();
}

}  // namespace lintel::controller
