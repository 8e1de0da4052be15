#include "http2/server_connection.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "http2/connection_state.h"
#include "http2/stream_exchange.h"

namespace lintel::dataplane::http2 {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kMaxConcurrentStreams = 128;
// Per stream, the request body bytes a client may send before the upstream took any: the bound
// on what a stream's request body can cost in memory.
constexpr std::uint32_t kStreamWindow = 64 * 1024;
// And for all streams of a connection together.
constexpr std::int32_t kConnectionWindow = 1024 * 1024;
// RFC 9113 leaves SETTINGS floods, CONTINUATION floods and the like to implementations:
// these bound what one connection can make the server do.
constexpr std::size_t kMaxContinuations = 8;
constexpr std::size_t kMaxSettingsEntries = 32;
constexpr std::uint32_t kMaxClientResets = 200;
constexpr auto kClientResetWindow = std::chrono::seconds(10);
// How often a connection looks at the proxy stopping and at its own idleness.
constexpr auto kWatchInterval = std::chrono::milliseconds(200);
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kWriteBatch = 64 * 1024;

Http2Connection& connection_of(void* user_data) {
  return *static_cast<Http2Connection*>(user_data);
}

Http2Stream* stream_of(Http2Connection& connection, std::int32_t id) {
  const auto found = connection.streams.find(id);
  return found == connection.streams.end() ? nullptr : found->second.get();
}

int on_begin_headers(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
  auto& connection = connection_of(user_data);
  if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
  if (connection.goaway_sent) return 0;
  connection.streams.emplace(
      frame->hd.stream_id,
      std::make_shared<Http2Stream>(frame->hd.stream_id,
                                    connection.shared.options.max_request_header_bytes,
                                    connection.worker.io.get_executor()));
  return 0;
}

int on_header(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name, size_t name_length,
              const uint8_t* value, size_t value_length, uint8_t, void* user_data) {
  if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) {
    return 0;  // trailers: HTTP/1.1 upstreams get a body without them
  }
  Http2Stream* stream = stream_of(connection_of(user_data), frame->hd.stream_id);
  if (stream == nullptr) return 0;
  stream->head.add(std::string_view(reinterpret_cast<const char*>(name), name_length),
                   std::string_view(reinterpret_cast<const char*>(value), value_length));
  return 0;
}

int on_frame_recv(nghttp2_session* session, const nghttp2_frame* frame, void* user_data) {
  auto& connection = connection_of(user_data);
  if (frame->hd.type == NGHTTP2_RST_STREAM) {
    if (connection.client_resets.record(Clock::now())) {
      nghttp2_session_terminate_session(session, NGHTTP2_ENHANCE_YOUR_CALM);
    }
    return 0;
  }
  if (frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) return 0;
  const auto found = connection.streams.find(frame->hd.stream_id);
  if (found == connection.streams.end()) return 0;
  const auto& stream = found->second;
  const bool end_stream = (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0;
  if (end_stream) {
    stream->request_ended = true;
    stream->wakeup.notify();
  }
  if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
    asio::co_spawn(connection.worker.io, serve_stream(connection.shared_from_this(), stream),
                   asio::detached);
  }
  return 0;
}

int on_data_chunk_recv(nghttp2_session*, uint8_t, int32_t stream_id, const uint8_t* data,
                       size_t length, void* user_data) {
  auto& connection = connection_of(user_data);
  Http2Stream* stream = stream_of(connection, stream_id);
  if (stream == nullptr || stream->discard_request_body) {
    connection.consume(stream_id, length);
    return 0;
  }
  stream->request_body.append(reinterpret_cast<const char*>(data), length);
  stream->request_body_received += length;
  stream->wakeup.notify();
  return 0;
}

int on_stream_close(nghttp2_session*, int32_t stream_id, uint32_t, void* user_data) {
  auto& connection = connection_of(user_data);
  const auto found = connection.streams.find(stream_id);
  if (found == connection.streams.end()) return 0;
  auto& stream = *found->second;
  // The answer is over (sent, or cut short): a stream the proxy never answered counts nothing.
  if (stream.answered_status != 0) {
    connection.worker.metrics.request_done(Protocol::kHttp2, stream.answered_status,
                                           std::chrono::steady_clock::now() - stream.started);
  }
  stream.closed = true;
  if (stream.upstream != nullptr) stream.upstream->cancel();
  stream.wakeup.notify();
  connection.streams.erase(found);
  return 0;
}

struct SessionCallbacks {
  SessionCallbacks() {
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, on_begin_headers);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, on_header);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, on_frame_recv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, on_data_chunk_recv);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, on_stream_close);
  }
  ~SessionCallbacks() { nghttp2_session_callbacks_del(callbacks); }
  nghttp2_session_callbacks* callbacks = nullptr;
};

struct SessionOptions {
  SessionOptions() {
    nghttp2_option_new(&option);
    // Request body bytes are acknowledged as the upstream takes them, not as they arrive.
    nghttp2_option_set_no_auto_window_update(option, 1);
    nghttp2_option_set_max_continuations(option, kMaxContinuations);
    nghttp2_option_set_max_settings(option, kMaxSettingsEntries);
  }
  ~SessionOptions() { nghttp2_option_del(option); }
  nghttp2_option* option = nullptr;
};

}  // namespace

bool start_session(Http2Connection& connection) {
  static thread_local SessionCallbacks callbacks;
  static thread_local SessionOptions options;
  if (nghttp2_session_server_new2(&connection.session, callbacks.callbacks, &connection,
                                  options.option) != 0) {
    connection.session = nullptr;
    return false;
  }
  const std::array<nghttp2_settings_entry, 3> settings{{
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, kMaxConcurrentStreams},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, kStreamWindow},
      {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE,
       static_cast<std::uint32_t>(connection.shared.options.max_request_header_bytes)},
  }};
  return nghttp2_submit_settings(connection.session, NGHTTP2_FLAG_NONE, settings.data(),
                                 settings.size()) == 0 &&
         nghttp2_session_set_local_window_size(connection.session, NGHTTP2_FLAG_NONE, 0,
                                               kConnectionWindow) == 0;
}

bool receive(Http2Connection& connection, std::string_view bytes) {
  connection.last_activity = Clock::now();
  return nghttp2_session_mem_recv(
             connection.session, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) >= 0;
}

void take_output(Http2Connection& connection, std::string& out, std::size_t limit) {
  while (out.size() < limit) {
    const uint8_t* data = nullptr;
    const ssize_t length = nghttp2_session_mem_send(connection.session, &data);
    if (length <= 0) break;
    out.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  }
}

bool session_over(Http2Connection& connection) {
  return !nghttp2_session_want_read(connection.session) &&
         !nghttp2_session_want_write(connection.session);
}

namespace {

// Writes what nghttp2 has to send, until the session is over or the client is gone.
asio::awaitable<void> write_frames(std::shared_ptr<Http2Connection> connection) {
  std::string output;
  error_code ec;
  while (!connection->closed) {
    take_output(*connection, output, kWriteBatch);
    if (!output.empty()) {
      connection->writing_since = Clock::now();
      co_await asio::async_write(connection->client, asio::buffer(output),
                                 asio::redirect_error(asio::use_awaitable, ec));
      connection->writing_since = Clock::time_point::max();
      if (ec) break;
      output.clear();
      continue;
    }
    if (connection->reader_done || session_over(*connection)) break;
    co_await connection->writer_wakeup.wait();
    // Lets the handlers already due run first (other streams' upstream answers, most often), so
    // that their frames leave in the same write.
    co_await asio::post(connection->worker.io, asio::use_awaitable);
  }
  connection->writer_done = true;
  if (!connection->closed) {
    // Ends the reader's wait too.
    connection->client.socket().shutdown(tcp::socket::shutdown_both, ec);
  }
}

void send_goaway(Http2Connection& connection) {
  if (connection.goaway_sent) return;
  connection.goaway_sent = true;
  nghttp2_submit_goaway(connection.session, NGHTTP2_FLAG_NONE,
                        nghttp2_session_get_last_proc_stream_id(connection.session),
                        NGHTTP2_NO_ERROR, nullptr, 0);
  connection.want_write();
}

// GOAWAY when the proxy stops (streams in flight finish; nghttp2 then ends the session) or
// when the connection sat idle without a stream for the client idle timeout.
asio::awaitable<void> watch(std::shared_ptr<Http2Connection> connection) {
  asio::steady_timer timer(connection->worker.io);
  error_code ec;
  while (!connection->closed && !connection->writer_done) {
    timer.expires_after(kWatchInterval);
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (connection->closed || connection->writer_done) break;
    const bool idle =
        connection->streams.empty() &&
        Clock::now() - connection->last_activity > connection->shared.options.client_idle_timeout;
    if (connection->shared.stopping.load(std::memory_order_relaxed) || idle) {
      send_goaway(*connection);
    }
    const auto writing_since = connection->writing_since;
    if (writing_since != Clock::time_point::max() &&
        Clock::now() - writing_since > connection->shared.options.client_idle_timeout) {
      connection->client.socket().shutdown(tcp::socket::shutdown_both, ec);
      connection->client.socket().cancel(ec);
    }
  }
}

}  // namespace

namespace {

// Stream 1 is the upgraded request, half closed by the client already (RFC 7540 §3.2).
bool start_upgraded_stream(Http2Connection& connection, const UpgradedRequest& upgraded) {
  if (nghttp2_session_upgrade2(connection.session,
                               reinterpret_cast<const uint8_t*>(upgraded.settings.data()),
                               upgraded.settings.size(), upgraded.is_head ? 1 : 0, nullptr) != 0) {
    return false;
  }
  auto stream = std::make_shared<Http2Stream>(1, connection.shared.options.max_request_header_bytes,
                                              connection.worker.io.get_executor());
  stream->http1_head = upgraded.head;
  stream->request_ended = true;
  connection.streams.emplace(1, stream);
  asio::co_spawn(connection.worker.io, serve_stream(connection.shared_from_this(), stream),
                 asio::detached);
  return true;
}

}  // namespace

Http2Connection::Http2Connection(ClientStream& client_stream, ProxyWorker& proxy_worker,
                                 const ProxyShared& proxy_shared, std::string peer_address,
                                 const tcp::endpoint& bound_endpoint)
    : client(client_stream),
      worker(proxy_worker),
      shared(proxy_shared),
      client_address(std::move(peer_address)),
      bound(bound_endpoint),
      server_name(client_stream.server_name()),
      writer_wakeup(proxy_worker.io.get_executor()),
      client_resets(kMaxClientResets, kClientResetWindow) {}

Http2Connection::~Http2Connection() {
  if (session != nullptr) nghttp2_session_del(session);
}

void Http2Connection::consume(std::int32_t stream_id, std::size_t bytes) {
  if (closed || bytes == 0) return;
  // A stream already closed only has the connection's window to give back.
  if (nghttp2_session_consume(session, stream_id, bytes) != 0) {
    nghttp2_session_consume_connection(session, bytes);
  }
  want_write();
}

asio::awaitable<void> serve_http2_connection(ClientStream& client, std::string_view received,
                                             const tcp::endpoint& peer, const tcp::endpoint& bound,
                                             ProxyWorker& worker, const ProxyShared& shared,
                                             const UpgradedRequest* upgraded) {
  auto connection =
      std::make_shared<Http2Connection>(client, worker, shared, peer.address().to_string(), bound);
  if (!start_session(*connection)) co_return;
  if (upgraded != nullptr && !start_upgraded_stream(*connection, *upgraded)) co_return;
  client.expires_never();
  error_code ec;
  bool failed = !receive(*connection, received);
  asio::co_spawn(worker.io, write_frames(connection), asio::detached);
  asio::co_spawn(worker.io, watch(connection), asio::detached);
  const auto input = std::make_unique<uint8_t[]>(kReadChunk);
  while (!failed && !connection->writer_done) {
    connection->want_write();
    const std::size_t read = co_await client.async_read_some(
        asio::buffer(input.get(), kReadChunk), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    // A negative answer is a connection error; nghttp2 has queued the GOAWAY that says so.
    failed =
        !receive(*connection, std::string_view(reinterpret_cast<const char*>(input.get()), read));
  }
  connection->reader_done = true;
  connection->want_write();
  // The writer uses `client`, which belongs to the caller: wait for it before returning. It
  // may still flush a GOAWAY; a client that does not take it within a second is cut off.
  asio::steady_timer pause(worker.io);
  for (int waited = 0; !connection->writer_done; ++waited) {
    if (waited == 200) {
      client.socket().shutdown(tcp::socket::shutdown_both, ec);
      client.socket().cancel(ec);
    }
    pause.expires_after(std::chrono::milliseconds(5));
    co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  connection->closed = true;
  for (auto& [id, stream] : connection->streams) {
    stream->closed = true;
    if (stream->upstream != nullptr) stream->upstream->cancel();
    stream->wakeup.notify();
  }
  connection->streams.clear();
}

}  // namespace lintel::dataplane::http2
