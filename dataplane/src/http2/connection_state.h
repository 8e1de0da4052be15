#pragma once

#include <nghttp2/nghttp2.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "http2/request_head_builder.h"
#include "http2/reset_rate_limit.h"
#include "http2/wakeup.h"
#include "proxy_worker.h"
#include "request_routing.h"

namespace lintel::dataplane::http2 {

// One request/response exchange on an HTTP/2 connection. The connection's nghttp2 callbacks
// fill the request side; the stream's coroutine (stream_exchange.h) forwards it and fills the
// response side, which nghttp2's data source drains.
struct Http2Stream {
  Http2Stream(std::int32_t stream_id, std::size_t max_header_bytes, asio::any_io_executor executor)
      : id(stream_id), head(max_header_bytes), wakeup(std::move(executor)) {}

  const std::int32_t id;
  // When the stream began, and the status of its answer once submitted (0 before), for /metrics.
  const std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  unsigned answered_status = 0;
  RequestHeadBuilder head;
  // Set instead of `head` for a request that came in HTTP/1.1 with Upgrade: h2c.
  std::string http1_head;
  // Request body bytes received and not yet taken by the upstream; bounded by the stream's
  // flow-control window, which opens only as the upstream takes them.
  std::string request_body;
  std::uint64_t request_body_received = 0;
  // Bytes of `request_body` whose flow-control window was given back already (a mirrored
  // route's body, read whole before it goes upstream).
  std::size_t request_body_acknowledged = 0;
  bool request_ended = false;  // END_STREAM from the client
  // Bytes of a body nobody will read (an answer of this hop's own) are given back at once.
  bool discard_request_body = false;
  // Response body bytes for nghttp2's data source, from `response_body_offset` on.
  std::string response_body;
  std::size_t response_body_offset = 0;
  bool response_ended = false;
  bool data_deferred = false;
  bool closed = false;  // reset by either side, or the connection ended
  // The upstream connection the exchange is using, cancelled when the stream closes.
  beast::tcp_stream* upstream = nullptr;
  Wakeup wakeup;
};

// What the pieces of one HTTP/2 connection share. Owned by shared_ptr: stream coroutines may
// outlive the connection's own coroutine, and then find `closed` set and leave nghttp2 alone.
struct Http2Connection : std::enable_shared_from_this<Http2Connection> {
  Http2Connection(ClientStream& client_stream, ProxyWorker& proxy_worker,
                  const ProxyShared& proxy_shared, std::string peer_address,
                  const tcp::endpoint& bound_endpoint);
  ~Http2Connection();
  Http2Connection(const Http2Connection&) = delete;
  Http2Connection& operator=(const Http2Connection&) = delete;

  // Gives `bytes` of a stream's request body back to the client's flow-control windows.
  void consume(std::int32_t stream_id, std::size_t bytes);
  // Tells the writer there may be frames to send.
  void want_write() { writer_wakeup.notify(); }

  nghttp2_session* session = nullptr;
  ClientStream& client;  // only while `closed` is false
  ProxyWorker& worker;
  const ProxyShared& shared;
  const std::string client_address;
  const tcp::endpoint bound;
  std::string server_name;  // TLS SNI, copied: the stream may outlive the TLS object
  std::unordered_map<std::int32_t, std::shared_ptr<Http2Stream>> streams;
  Wakeup writer_wakeup;
  ResetRateLimit client_resets;
  std::chrono::steady_clock::time_point last_activity = std::chrono::steady_clock::now();
  // When the write under way began (max() when none is): a client that stops reading must not
  // hold the connection, and every upstream its streams use, for ever.
  std::chrono::steady_clock::time_point writing_since =
      std::chrono::steady_clock::time_point::max();
  bool reader_done = false;
  bool writer_done = false;
  bool goaway_sent = false;
  bool closed = false;
};

// The connection's nghttp2 server session, with Lintel's settings and limits: false when
// nghttp2 could not make one.
bool start_session(Http2Connection& connection);
// Feeds bytes from the client to the session; false on a connection error (nghttp2 has then
// queued the GOAWAY that says which).
bool receive(Http2Connection& connection, std::string_view bytes);
// Appends the frames the session has to send to `out`, until it holds `limit` bytes or more.
void take_output(Http2Connection& connection, std::string& out, std::size_t limit);
// True when the session neither expects nor has anything more (after GOAWAY, streams done).
bool session_over(Http2Connection& connection);

}  // namespace lintel::dataplane::http2
