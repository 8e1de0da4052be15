#include "lintel/dataplane/snapshot_client.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <random>
#include <thread>

#include "lintel/snapshot/message_frames.h"
#include "lintel/snapshot/session_pump.h"
#include "lintel/snapshot/stream_headers.h"
#include "lintel/snapshot/v1/stream.pb.h"
#include "lintel/support/log.h"

namespace lintel::dataplane {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// Acks and Nacks waiting for the controller to read them; a controller that reads none of them
// while sending snapshots is broken, and past this they are dropped.
constexpr std::size_t kMaxOutgoingBytes = 64 * 1024;
constexpr std::int32_t kReceiveWindow = 16 * 1024 * 1024;

class ControllerConnection;

}  // namespace

struct SnapshotClient::Impl : std::enable_shared_from_this<SnapshotClient::Impl> {
  Impl(SnapshotClientOptions options, Apply apply)
      : options(std::move(options)),
        apply(std::move(apply)),
        timer(io),
        random(std::random_device{}()) {}

  void connect();
  void connect_to(const tcp::resolver::results_type& endpoints);
  void secure(tcp::socket socket);
  template <typename Stream>
  void begin(Stream stream);
  void retry_later();
  void connection_over(bool got_snapshot);

  SnapshotClientOptions options;
  Apply apply;
  asio::io_context io;
  asio::steady_timer timer;
  tcp::resolver resolver{io};
  std::thread thread;
  std::mt19937_64 random;
  unsigned failures = 0;
  bool stopping = false;
  std::shared_ptr<ControllerConnection> connection;
  std::unique_ptr<tcp::socket> connecting;
  snapshot::SessionPump::TlsStream* handshaking = nullptr;
  std::uint64_t last_applied = 0;
};

namespace {

class ControllerConnection : public snapshot::SessionPump {
 public:
  template <typename Stream>
  ControllerConnection(Stream stream, std::shared_ptr<SnapshotClient::Impl> client)
      : SessionPump(std::move(stream)),
        client_(std::move(client)),
        decoder_(client_->options.max_snapshot_bytes),
        keepalive_(socket_executor()) {}

  void begin() {
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &ControllerConnection::on_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks,
                                                         &ControllerConnection::on_frame_recv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks,
                                                              &ControllerConnection::on_data);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks,
                                                           &ControllerConnection::on_stream_close);
    nghttp2_session* session = nullptr;
    nghttp2_session_client_new(&session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);
    // A whole snapshot may be megabytes: let it come without waiting on window updates.
    const nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<std::uint32_t>(kReceiveWindow)},
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0}};
    nghttp2_submit_settings(session, NGHTTP2_FLAG_NONE, settings, 2);
    nghttp2_session_set_local_window_size(session, NGHTTP2_FLAG_NONE, 0, kReceiveWindow);

    const std::string authority = client_->options.host + ":" + client_->options.port;
    const nghttp2_nv headers[] = {
        snapshot::header(":method", "POST"),
        snapshot::header(":scheme", client_->options.tls ? "https" : "http"),
        snapshot::header(":path", snapshot::kStreamPath),
        snapshot::header(":authority", authority),
        snapshot::header("content-type", snapshot::kStreamContentType),
        snapshot::header("te", "trailers")};
    nghttp2_data_provider body{};
    body.read_callback = &ControllerConnection::read_body;
    snapshot::v1::ProxyMessage hello;
    hello.mutable_hello()->set_node(client_->options.node);
    send(hello);
    stream_id_ = nghttp2_submit_request(session, nullptr, headers, 6, &body, nullptr);
    last_heard_ = Clock::now();
    start(session);
    watch_liveness();
  }

  bool got_snapshot() const { return got_snapshot_; }

 private:
  asio::any_io_executor socket_executor() { return socket().get_executor(); }

  void on_closed() override {
    keepalive_.cancel();
    asio::post(client_->io,
               [client = client_, got = got_snapshot_] { client->connection_over(got); });
  }

  // Pings a quiet controller, and gives up on one that does not answer within the keepalive.
  void watch_liveness() {
    const auto period = client_->options.keepalive / 2;
    keepalive_.expires_after(period);
    keepalive_.async_wait(
        [period, self = std::static_pointer_cast<ControllerConnection>(shared_from_this())](
            const boost::system::error_code& error) {
          if (error || self->closed()) return;
          const auto quiet = Clock::now() - self->last_heard_;
          if (quiet >= self->client_->options.keepalive) {
            log::warn("controller silent past the keepalive; reconnecting");
            self->close();
            return;
          }
          if (quiet >= period) {
            nghttp2_submit_ping(self->session(), NGHTTP2_FLAG_NONE, nullptr);
            self->flush();
          }
          self->watch_liveness();
        });
  }

  void send(const snapshot::v1::ProxyMessage& message) {
    if (outgoing_.size() - offset_ > kMaxOutgoingBytes) return;
    outgoing_ += snapshot::frame_message(message.SerializeAsString());
    if (session() && stream_id_ > 0) {
      nghttp2_session_resume_data(session(), stream_id_);
      flush();
    }
  }

  static ControllerConnection& of(void* user_data) {
    return *static_cast<ControllerConnection*>(user_data);
  }

  static ssize_t read_body(nghttp2_session*, std::int32_t, std::uint8_t* buffer, std::size_t length,
                           std::uint32_t*, nghttp2_data_source*, void* user_data) {
    auto& self = of(user_data);
    if (self.offset_ == self.outgoing_.size()) {
      self.outgoing_.clear();
      self.offset_ = 0;
      return NGHTTP2_ERR_DEFERRED;
    }
    const std::size_t take = std::min(length, self.outgoing_.size() - self.offset_);
    std::copy_n(self.outgoing_.data() + self.offset_, take, buffer);
    self.offset_ += take;
    return static_cast<ssize_t>(take);
  }

  static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
                       std::size_t name_length, const std::uint8_t* value, std::size_t value_length,
                       std::uint8_t, void* user_data) {
    auto& self = of(user_data);
    if (frame->hd.stream_id != self.stream_id_) return 0;
    const std::string_view header(reinterpret_cast<const char*>(name), name_length);
    const std::string_view text(reinterpret_cast<const char*>(value), value_length);
    if (header == ":status") self.status_ = text;
    if (header == "grpc-status") self.grpc_status_ = text;
    if (header == "grpc-message") self.grpc_message_ = text;
    return 0;
  }

  static int on_frame_recv(nghttp2_session*, const nghttp2_frame*, void* user_data) {
    of(user_data).last_heard_ = Clock::now();
    return 0;
  }

  static int on_data(nghttp2_session* session, std::uint8_t, std::int32_t stream,
                     const std::uint8_t* data, std::size_t length, void* user_data) {
    auto& self = of(user_data);
    self.last_heard_ = Clock::now();
    if (stream != self.stream_id_) return 0;
    std::vector<std::string> messages;
    std::string error;
    if (!self.decoder_.feed(std::string_view(reinterpret_cast<const char*>(data), length), messages,
                            error)) {
      log::error("controller sent a malformed stream; reconnecting", {{"error", error}});
      nghttp2_session_terminate_session(session, NGHTTP2_PROTOCOL_ERROR);
      return 0;
    }
    // Snapshots are whole: of those that arrived while the last one was applied, only the
    // newest matters (on_drained).
    if (!messages.empty()) self.newest_ = std::move(messages.back());
    return 0;
  }

  void on_drained() override {
    if (newest_.empty()) return;
    const std::string bytes = std::move(newest_);
    newest_.clear();
    take(bytes);
  }

  void take(const std::string& bytes) {
    got_snapshot_ = true;
    snapshot::v1::ProxyMessage answer;
    auto message = std::make_shared<snapshot::v1::ControllerMessage>();
    if (!message->ParseFromString(bytes) || !message->has_snapshot()) {
      answer.mutable_nack()->set_error("not a ControllerMessage with a snapshot");
    } else {
      // The snapshot lives as long as the data plane keeps it; the message around it with it.
      std::shared_ptr<const snapshot::v1::Snapshot> snapshot(message, &message->snapshot());
      const std::uint64_t version = snapshot->version();
      std::string error;
      if (client_->apply(std::move(snapshot), error)) {
        answer.mutable_ack()->set_version(version);
        client_->last_applied = version;
      } else {
        answer.mutable_nack()->set_version(version);
        answer.mutable_nack()->set_error(error);
        log::error("snapshot refused; the previous one keeps serving",
                   {{"version", std::to_string(version)}, {"error", error}});
      }
    }
    send(answer);
  }

  static int on_stream_close(nghttp2_session* session, std::int32_t stream,
                             std::uint32_t error_code, void* user_data) {
    auto& self = of(user_data);
    if (stream != self.stream_id_) return 0;
    if (self.status_ != "200" || !self.grpc_status_.empty()) {
      log::error("controller ended the snapshot stream",
                 {{"status", self.status_},
                  {"grpc_status", self.grpc_status_},
                  {"grpc_message", self.grpc_message_},
                  {"http2_error", nghttp2_http2_strerror(error_code)}});
    }
    nghttp2_session_terminate_session(session, NGHTTP2_NO_ERROR);
    return 0;
  }

  std::shared_ptr<SnapshotClient::Impl> client_;
  snapshot::FrameDecoder decoder_;
  asio::steady_timer keepalive_;
  Clock::time_point last_heard_;
  std::int32_t stream_id_ = 0;
  std::string outgoing_;
  std::size_t offset_ = 0;
  std::string status_, grpc_status_, grpc_message_;
  std::string newest_;  // the newest snapshot received and not applied yet
  bool got_snapshot_ = false;
};

}  // namespace

void SnapshotClient::Impl::connect() {
  if (stopping) return;
  // Resolved each attempt (a controller Service's address may change between attempts), and
  // asynchronously, so that a slow DNS server never holds up stop().
  resolver.async_resolve(options.host, options.port,
                         [self = shared_from_this()](const boost::system::error_code& error,
                                                     tcp::resolver::results_type endpoints) {
                           if (self->stopping) return;
                           if (error) {
                             log::warn(
                                 "cannot resolve the controller",
                                 {{"controller", self->options.host + ":" + self->options.port},
                                  {"error", error.message()}});
                             self->retry_later();
                             return;
                           }
                           self->connect_to(endpoints);
                         });
}

void SnapshotClient::Impl::connect_to(const tcp::resolver::results_type& endpoints) {
  connecting = std::make_unique<tcp::socket>(io);
  timer.expires_after(options.connect_timeout);
  timer.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (!error && self->connecting) self->connecting->close();
  });
  asio::async_connect(
      *connecting, endpoints,
      [self = shared_from_this()](const boost::system::error_code& error, const tcp::endpoint&) {
        self->timer.cancel();
        auto socket = std::move(self->connecting);
        if (self->stopping) return;
        if (error) {
          self->retry_later();
          return;
        }
        boost::system::error_code ignored;
        socket->set_option(tcp::no_delay(true), ignored);
        if (self->options.tls) {
          self->secure(std::move(*socket));
        } else {
          self->begin(std::move(*socket));
        }
      });
}

void SnapshotClient::Impl::secure(tcp::socket socket) {
  std::string error;
  auto context = snapshot::client_tls_context(*options.tls, error);
  const std::string name = options.server_name.empty() ? options.host : options.server_name;
  std::unique_ptr<snapshot::SessionPump::TlsStream> stream;
  if (context) {
    stream = std::make_unique<snapshot::SessionPump::TlsStream>(std::move(socket), *context);
    snapshot::expect_server_name(stream->native_handle(), name, error);
  }
  if (!error.empty()) {
    log::error("cannot secure the connection to the controller", {{"error", error}});
    retry_later();
    return;
  }
  auto* raw = stream.get();
  timer.expires_after(options.connect_timeout);
  timer.async_wait([self = shared_from_this(), raw](const boost::system::error_code& error) {
    boost::system::error_code ignored;
    if (!error && self->handshaking == raw) raw->next_layer().close(ignored);
  });
  handshaking = raw;
  raw->async_handshake(
      asio::ssl::stream_base::client, [self = shared_from_this(), stream = std::move(stream)](
                                          const boost::system::error_code& error) mutable {
        self->handshaking = nullptr;
        self->timer.cancel();
        if (self->stopping) return;
        if (error) {
          const std::string reason = snapshot::openssl_error();
          log::error("TLS handshake with the controller failed",
                     {{"controller", self->options.host + ":" + self->options.port},
                      {"error", reason.empty() ? error.message() : reason}});
          self->retry_later();
          return;
        }
        self->begin(std::move(stream));
      });
}

template <typename Stream>
void SnapshotClient::Impl::begin(Stream stream) {
  log::info("connected to the controller", {{"controller", options.host + ":" + options.port},
                                            {"tls", options.tls ? "true" : "false"}});
  connection = std::make_shared<ControllerConnection>(std::move(stream), shared_from_this());
  connection->begin();
}

void SnapshotClient::Impl::connection_over(bool got_snapshot) {
  connection.reset();
  if (stopping) return;
  if (got_snapshot) failures = 0;
  log::warn("lost the controller; serving the last snapshot while reconnecting",
            {{"controller", options.host + ":" + options.port},
             {"serving_version", std::to_string(last_applied)}});
  retry_later();
}

void SnapshotClient::Impl::retry_later() {
  const auto ceiling = std::min<std::int64_t>(
      options.max_backoff.count(), options.initial_backoff.count() << std::min(failures, 20u));
  ++failures;
  std::uniform_int_distribution<std::int64_t> jitter(ceiling / 2, ceiling);
  timer.expires_after(std::chrono::milliseconds(jitter(random)));
  timer.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (!error) self->connect();
  });
}

std::unique_ptr<SnapshotClient> SnapshotClient::start(SnapshotClientOptions options, Apply apply) {
  auto impl = std::make_shared<Impl>(std::move(options), std::move(apply));
  asio::post(impl->io, [impl] { impl->connect(); });
  // The io_context holds its own work while the timer or the connection waits; keep it running
  // through the moment between a connection's end and the next timer.
  impl->thread = std::thread([impl = impl.get()] {
    auto guard = asio::make_work_guard(impl->io);
    impl->io.run();
  });
  return std::make_unique<SnapshotClient>(std::move(impl));
}

SnapshotClient::SnapshotClient(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

SnapshotClient::~SnapshotClient() {
  stop();
}

void SnapshotClient::stop() {
  if (!impl_->thread.joinable()) return;
  asio::post(impl_->io, [impl = impl_] {
    impl->stopping = true;
    impl->timer.cancel();
    impl->resolver.cancel();
    if (impl->connecting) impl->connecting->close();
    boost::system::error_code ignored;
    if (impl->handshaking) impl->handshaking->next_layer().close(ignored);
    if (impl->connection) impl->connection->close();
    impl->io.stop();
  });
  impl_->thread.join();
  // Handlers that never ran still hold the Impl; drop them before it goes.
  impl_->io.restart();
  impl_->io.poll();
}

}  // namespace lintel::dataplane
