#include "http2/stream_exchange.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <span>

#include "forwarding_headers.h"
#include "http1/parse_error.h"
#include "http1/request_parser.h"
#include "http2/response_fields.h"

namespace lintel::dataplane::http2 {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kUpstreamHeaderLimit = 64 * 1024;
constexpr std::size_t kRelayChunk = 16 * 1024;
// Response body bytes a stream holds for a client that reads slower than the upstream sends:
// past this, the upstream is not read until the client took some.
constexpr std::size_t kResponseBuffer = 64 * 1024;
constexpr auto kTrustIdleFor = std::chrono::seconds(1);

auto redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

enum class Exchange {
  kDone,
  kConnectFailed,   // nothing sent anywhere: the next endpoint may take the request
  kBadGateway,      // nothing sent to the client yet
  kGatewayTimeout,  // nothing sent to the client yet
  kBodyTooLarge,    // nothing sent to the client yet
  kClientGone,      // the stream was reset or the connection ended
  kBrokenResponse,  // the upstream failed after the response head went to the client
};

ssize_t read_response_body(nghttp2_session*, int32_t, uint8_t* buffer, size_t length,
                           uint32_t* flags, nghttp2_data_source* source, void*) {
  auto& stream = *static_cast<Http2Stream*>(source->ptr);
  const std::size_t available = stream.response_body.size() - stream.response_body_offset;
  if (available == 0) {
    if (stream.response_ended) {
      *flags |= NGHTTP2_DATA_FLAG_EOF;
      return 0;
    }
    stream.data_deferred = true;
    return NGHTTP2_ERR_DEFERRED;
  }
  const std::size_t taken = std::min(length, available);
  std::memcpy(buffer, stream.response_body.data() + stream.response_body_offset, taken);
  stream.response_body_offset += taken;
  if (stream.response_body_offset == stream.response_body.size()) {
    stream.response_body.clear();
    stream.response_body_offset = 0;
    if (stream.response_ended) *flags |= NGHTTP2_DATA_FLAG_EOF;
  }
  // There is room again for what the upstream sends.
  stream.wakeup.notify();
  return static_cast<ssize_t>(taken);
}

void resume_data(Http2Connection& connection, Http2Stream& stream) {
  if (connection.closed || stream.closed) return;
  if (stream.data_deferred) {
    stream.data_deferred = false;
    nghttp2_session_resume_data(connection.session, stream.id);
  }
  connection.want_write();
}

bool submit_response(Http2Connection& connection, Http2Stream& stream, unsigned status,
                     const http::fields& fields, bool has_body) {
  if (connection.closed || stream.closed) return false;
  const ResponseFields pairs(status, fields);
  stream.answered_status = status;
  nghttp2_data_provider provider;
  provider.source.ptr = &stream;
  provider.read_callback = read_response_body;
  const int rv = nghttp2_submit_response(connection.session, stream.id, pairs.data(), pairs.size(),
                                         has_body ? &provider : nullptr);
  connection.want_write();
  return rv == 0;
}

// The request body goes nowhere from now on: what arrived, and what still arrives, reopens the
// client's windows at once.
void discard_request_body(Http2Connection& connection, Http2Stream& stream) {
  stream.discard_request_body = true;
  connection.consume(stream.id, stream.request_body.size() - stream.request_body_acknowledged);
  stream.request_body.clear();
  stream.request_body_acknowledged = 0;
}

void reset_stream(Http2Connection& connection, Http2Stream& stream, uint32_t error) {
  if (connection.closed || stream.closed) return;
  nghttp2_submit_rst_stream(connection.session, NGHTTP2_FLAG_NONE, stream.id, error);
  connection.want_write();
}

// The request body's bytes, taken as they arrive and written upstream (chunked when the
// client gave no content-length); the client's window reopens only as the upstream takes them.
asio::awaitable<Exchange> send_body(Http2Connection& connection, Http2Stream& stream,
                                    beast::tcp_stream& upstream, bool chunked, std::uint64_t limit,
                                    const auto& expiry) {
  std::string sending;
  char size_line[20];
  error_code ec;
  for (;;) {
    if (stream.closed) co_return Exchange::kClientGone;
    if (stream.request_body_received > limit) co_return Exchange::kBodyTooLarge;
    if (!stream.request_body.empty()) {
      // Swapped out: more bytes may arrive while this write is under way.
      sending.swap(stream.request_body);
      std::array<asio::const_buffer, 3> pieces;
      std::size_t count = 0;
      if (chunked) {
        const int length = std::snprintf(size_line, sizeof(size_line), "%zx\r\n", sending.size());
        pieces[count++] = asio::buffer(size_line, static_cast<std::size_t>(length));
      }
      pieces[count++] = asio::buffer(sending);
      if (chunked) pieces[count++] = asio::buffer("\r\n", 2);
      upstream.expires_at(expiry());
      co_await asio::async_write(upstream, std::span(pieces.data(), count), redirect(ec));
      if (stream.closed) co_return Exchange::kClientGone;
      if (ec) {
        co_return ec == beast::error::timeout ? Exchange::kGatewayTimeout : Exchange::kBadGateway;
      }
      const std::size_t acknowledged = std::min(stream.request_body_acknowledged, sending.size());
      stream.request_body_acknowledged -= acknowledged;
      connection.consume(stream.id, sending.size() - acknowledged);
      sending.clear();
      continue;
    }
    if (stream.request_ended) break;
    co_await stream.wakeup.wait();
  }
  if (chunked) {
    upstream.expires_at(expiry());
    co_await asio::async_write(upstream, asio::buffer("0\r\n\r\n", 5), redirect(ec));
    if (ec) co_return Exchange::kBadGateway;
  }
  co_return Exchange::kDone;
}

struct ExchangeContext {
  std::string_view upstream_head;
  bool has_body = false;
  bool chunked = false;
  bool is_head = false;
  std::uint64_t body_limit = 0;
  const filters::HeaderModifier* backend_response_headers = nullptr;
  const filters::HeaderModifier* route_response_headers = nullptr;
  const filters::CorsResponse* cors = nullptr;
  Clock::time_point request_deadline = Clock::time_point::max();
  std::chrono::milliseconds backend_request_timeout{0};
  unsigned upstream_status = 0;
  bool connect_timed_out = false;
};

// Clears the stream's pointer to an upstream connection when the exchange leaves it.
class UpstreamInUse {
 public:
  UpstreamInUse(Http2Stream& stream, beast::tcp_stream& upstream) : stream_(stream) {
    stream_.upstream = &upstream;
  }
  ~UpstreamInUse() { stream_.upstream = nullptr; }
  UpstreamInUse(const UpstreamInUse&) = delete;
  UpstreamInUse& operator=(const UpstreamInUse&) = delete;

 private:
  Http2Stream& stream_;
};

asio::awaitable<Exchange> exchange(Http2Connection& connection, Http2Stream& stream,
                                   ExchangeContext& context, const tcp::endpoint& endpoint) {
  const ProxyOptions& options = connection.shared.options;
  ProxyWorker& worker = connection.worker;
  auto deadline = context.request_deadline;
  if (context.backend_request_timeout.count() > 0) {
    deadline = std::min(deadline, Clock::now() + context.backend_request_timeout);
  }
  const auto expiry = [&] {
    return deadline != Clock::time_point::max() ? deadline
                                                : Clock::now() + options.upstream_timeout;
  };
  error_code ec;
  for (int attempt = 0; attempt < 2; ++attempt) {
    // Only a request without a body is all at hand, and so can go again on a fresh connection.
    const bool replayable = !context.has_body;
    auto upstream = attempt > 0 ? nullptr
                                : worker.pool.take(endpoint, replayable ? kTrustIdleFor
                                                                        : Clock::duration::zero());
    const bool reused = upstream != nullptr;
    if (!reused) {
      upstream = std::make_unique<beast::tcp_stream>(worker.io);
      upstream->expires_at(std::min(Clock::now() + options.upstream_connect_timeout, deadline));
      const UpstreamInUse in_use(stream, *upstream);
      worker.metrics.upstream_connects.add();
      co_await upstream->async_connect(endpoint, redirect(ec));
      if (stream.closed) co_return Exchange::kClientGone;
      context.connect_timed_out = ec == beast::error::timeout;
      if (ec) {
        worker.metrics.upstream_connect_failures.add();
        co_return Exchange::kConnectFailed;
      }
      upstream->socket().set_option(tcp::no_delay(true), ec);
    }
    const bool may_retry = reused && attempt == 0 && replayable;
    const UpstreamInUse in_use(stream, *upstream);

    upstream->expires_at(expiry());
    const auto sent_at = Clock::now();
    co_await asio::async_write(*upstream, asio::buffer(context.upstream_head), redirect(ec));
    if (stream.closed) co_return Exchange::kClientGone;
    if (ec) {
      if (may_retry) continue;
      co_return ec == beast::error::timeout ? Exchange::kGatewayTimeout : Exchange::kBadGateway;
    }
    if (context.has_body) {
      const Exchange sent = co_await send_body(connection, stream, *upstream, context.chunked,
                                               context.body_limit, expiry);
      if (sent != Exchange::kDone) co_return sent;
    }

    beast::flat_buffer upstream_buffer;
    std::optional<http::response_parser<http::buffer_body>> parser;
    for (;;) {
      parser.emplace();
      parser->header_limit(kUpstreamHeaderLimit);
      parser->body_limit(std::numeric_limits<std::uint64_t>::max());
      if (context.is_head) parser->skip(true);
      upstream->expires_at(expiry());
      co_await http::async_read_header(*upstream, upstream_buffer, *parser, redirect(ec));
      if (ec) break;
      const unsigned status = parser->get().result_int();
      // Interim responses are for the upstream's own client; ours is us.
      if (status < 100 || status >= 200 || status == 101) break;
    }
    if (stream.closed) co_return Exchange::kClientGone;
    if (ec) {
      if (ec == beast::error::timeout) {
        worker.metrics.upstream_timeouts.add();
        co_return Exchange::kGatewayTimeout;
      }
      if (may_retry && !parser->got_some()) continue;
      co_return Exchange::kBadGateway;
    }
    worker.metrics.upstream_header_duration.observe(Clock::now() - sent_at);
    auto& response = parser->get();
    const unsigned status = response.result_int();
    context.upstream_status = status;
    // HTTP/2 has no protocol switch on a stream.
    if (status == 101) co_return Exchange::kBadGateway;
    const bool upstream_keep_alive =
        response.keep_alive() && !connection_has_token(response.base(), "upgrade");
    const bool bodyless = context.is_head || status == 204 || status == 304;
    strip_hop_by_hop(response.base());
    if (context.backend_response_headers != nullptr) {
      context.backend_response_headers->apply(response.base());
    }
    if (context.route_response_headers != nullptr) {
      context.route_response_headers->apply(response.base());
    }
    if (context.cors != nullptr) context.cors->apply(response.base());
    if (!submit_response(connection, stream, status, response.base(), !bodyless)) {
      co_return Exchange::kClientGone;
    }

    char chunk[kRelayChunk];
    while (!bodyless && !parser->is_done()) {
      response.body().data = chunk;
      response.body().size = kRelayChunk;
      upstream->expires_at(expiry());
      co_await http::async_read(*upstream, upstream_buffer, *parser, redirect(ec));
      if (stream.closed) co_return Exchange::kClientGone;
      if (ec == http::error::need_buffer) ec = {};
      if (ec) co_return Exchange::kBrokenResponse;
      stream.response_body.append(chunk, kRelayChunk - response.body().size);
      resume_data(connection, stream);
      while (stream.response_body.size() - stream.response_body_offset >= kResponseBuffer &&
             !stream.closed) {
        co_await stream.wakeup.wait();
      }
      if (stream.closed) co_return Exchange::kClientGone;
    }
    stream.response_ended = true;
    resume_data(connection, stream);
    if (bodyless || parser->is_done()) {
      if (upstream_keep_alive && !parser->need_eof() && upstream_buffer.size() == 0) {
        worker.pool.give_back(endpoint, std::move(upstream));
      }
    }
    co_return Exchange::kDone;
  }
  co_return Exchange::kBadGateway;
}

EndpointOutcome outcome_of(Exchange result) {
  switch (result) {
    case Exchange::kDone:
      return EndpointOutcome::kAnswered;
    case Exchange::kClientGone:
    case Exchange::kBodyTooLarge:
      return EndpointOutcome::kClientFault;
    case Exchange::kConnectFailed:
    case Exchange::kBadGateway:
    case Exchange::kGatewayTimeout:
    case Exchange::kBrokenResponse:
      break;
  }
  return EndpointOutcome::kEndpointFault;
}

// The whole request body, for routes whose mirrors need a copy of it: taken from the client
// at once (the windows reopen as it arrives), within the body limit.
asio::awaitable<bool> read_whole_body(Http2Connection& connection, Http2Stream& stream,
                                      std::uint64_t limit) {
  while (!stream.closed) {
    connection.consume(stream.id, stream.request_body.size() - stream.request_body_acknowledged);
    stream.request_body_acknowledged = stream.request_body.size();
    if (stream.request_body_received > limit) co_return false;
    if (stream.request_ended) co_return true;
    co_await stream.wakeup.wait();
  }
  co_return false;
}

asio::awaitable<void> forward(Http2Connection& connection, Http2Stream& stream,
                              const http1::RequestHead& head, const CompiledListener& listener,
                              const RoutedRequest& routed) {
  ProxyWorker& worker = connection.worker;
  const ProxyOptions& options = connection.shared.options;
  const bool has_body = !stream.request_ended || stream.request_body_received > 0;
  const std::uint64_t limit = options.max_request_body_bytes;
  if (head.content_length() > limit) {
    discard_request_body(connection, stream);
    submit_own_answer(connection, stream, 413, "request body too large\n");
    co_return;
  }
  char request_id[32];
  format_request_id(worker.random.next(), worker.random.next(), request_id);
  const ForwardingInfo info{connection.client_address, listener.scheme,
                            std::string_view(request_id, sizeof(request_id)), false};
  const bool mirrored = mirrors_request(routed.route_filters);
  if (mirrored && has_body && !co_await read_whole_body(connection, stream, limit)) {
    if (!stream.closed) submit_own_answer(connection, stream, 413, "request body too large\n");
    co_return;
  }
  std::string upstream_head;
  prepare_upstream_head(worker, options, head, info, routed.route_filters, routed.backend_filters,
                        mirrored, stream.request_body, upstream_head);
  // Mirrors took their copy; the whole body now goes upstream from the stream as usual.
  ExchangeContext context;
  context.upstream_head = upstream_head;
  context.has_body = has_body;
  context.chunked = head.body_framing() == http1::BodyFraming::kChunked;
  context.is_head = head.method() == "HEAD";
  context.body_limit = limit;
  filters::CorsResponse cors_response;
  if (const auto* route_filters = routed.route_filters) {
    if (route_filters->cors) {
      cors_response = filters::CorsResponse(*route_filters->cors, head.find("origin"));
      context.cors = &cors_response;
    }
    context.route_response_headers = &route_filters->response_headers;
    context.backend_response_headers =
        routed.backend_filters ? &routed.backend_filters->response_headers : nullptr;
    if (route_filters->request_timeout.count() > 0) {
      context.request_deadline = Clock::now() + route_filters->request_timeout;
    }
    context.backend_request_timeout = route_filters->backend_request_timeout;
  }
  const CompiledCluster& cluster = *routed.cluster;
  const auto attempts =
      std::min<std::size_t>(std::max(1u, options.max_connect_attempts), cluster.endpoints.size());
  Exchange result = Exchange::kConnectFailed;
  for (std::size_t attempt = 0; attempt < attempts; ++attempt) {
    const std::size_t index =
        pick_endpoint(cluster, worker, options.load_balancing, EndpointHealth::Clock::now());
    const tcp::endpoint& endpoint = cluster.endpoints[index];
    context.upstream_status = 0;
    {
      const InFlight counted(cluster.per_worker[worker.index].in_flight[index]);
      result = co_await exchange(connection, stream, context, endpoint);
    }
    record_health(worker, endpoint, outcome_of(result), context.upstream_status);
    if (result != Exchange::kConnectFailed) break;
  }
  if (stream.closed) co_return;
  if (result != Exchange::kDone) {
    discard_request_body(connection, stream);
  }
  switch (result) {
    case Exchange::kDone:
    case Exchange::kClientGone:
      break;
    case Exchange::kBrokenResponse:
      reset_stream(connection, stream, NGHTTP2_INTERNAL_ERROR);
      break;
    case Exchange::kConnectFailed:
      submit_own_answer(
          connection, stream, context.connect_timed_out ? 504 : 502,
          context.connect_timed_out ? "upstream connect timeout\n" : "upstream connect error\n");
      break;
    case Exchange::kBadGateway:
      submit_own_answer(connection, stream, 502, "bad upstream response\n");
      break;
    case Exchange::kGatewayTimeout:
      submit_own_answer(connection, stream, 504, "upstream timeout\n");
      break;
    case Exchange::kBodyTooLarge:
      submit_own_answer(connection, stream, 413, "request body too large\n");
      break;
  }
}

}  // namespace

void submit_own_answer(Http2Connection& connection, Http2Stream& stream, unsigned status,
                       std::string_view body, const filters::HeaderModifier* headers,
                       std::string_view location) {
  http::response_header<> fields;
  if (!location.empty()) {
    fields.set(http::field::location, to_beast(location));
  } else {
    fields.set(http::field::content_type, "text/plain; charset=utf-8");
  }
  fields.set(http::field::content_length, std::to_string(body.size()));
  if (headers != nullptr) headers->apply(fields);
  stream.response_body.assign(body.data(), body.size());
  stream.response_body_offset = 0;
  stream.response_ended = true;
  // A HEAD answer says how long the body would be, without it.
  submit_response(connection, stream, status, fields,
                  !body.empty() && stream.head.method() != "HEAD");
}

asio::awaitable<void> serve_stream(std::shared_ptr<Http2Connection> connection,
                                   std::shared_ptr<Http2Stream> stream) {
  ProxyWorker& worker = connection->worker;
  const ActiveRequest active(worker.active_requests);
  const auto own_answer = [&](unsigned status, std::string_view body) {
    discard_request_body(*connection, *stream);
    submit_own_answer(*connection, *stream, status, body);
  };
  if (stream->head.too_large()) {
    own_answer(431, "request header fields too large\n");
    co_return;
  }
  if (stream->head.method() == "CONNECT") {
    own_answer(501, "CONNECT is not served over HTTP/2\n");
    co_return;
  }
  const bool has_body = !stream->request_ended || stream->request_body_received > 0;
  const std::string head_text =
      stream->http1_head.empty() ? stream->head.finish(has_body) : stream->http1_head;
  http1::RequestParserLimits limits;
  limits.max_header_section = connection->shared.options.max_request_header_bytes;
  const auto parser = std::make_unique<http1::RequestParser>(limits);
  const http1::ParseResult parsed = parser->parse(head_text);
  if (parsed.status != http1::ParseStatus::kComplete) {
    const auto error = parsed.status == http1::ParseStatus::kError
                           ? parsed.error
                           : http1::ParseError::kBadRequestLine;
    std::string text(http1::reason(error));
    text.push_back('\n');
    own_answer(http1::http_status(error), text);
    co_return;
  }
  const http1::RequestHead& head = parser->head();
  const auto config = worker.config(connection->shared);
  const CompiledListener* listener = nullptr;
  if (config) {
    const auto found = config->listeners.find(connection->bound);
    if (found != config->listeners.end()) listener = &found->second;
  }
  if (listener == nullptr) {
    own_answer(404, "no listener\n");
    co_return;
  }
  const RoutedRequest routed =
      route_request(*config, *listener, head, connection->server_name, {}, worker.random);
  switch (routed.action) {
    case RequestAction::kOwnAnswer:
    case RequestAction::kRedirect:
      discard_request_body(*connection, *stream);
      submit_own_answer(*connection, *stream, routed.status, routed.body, routed.answer_headers,
                        routed.location);
      co_return;
    case RequestAction::kCorsPreflight: {
      stream->discard_request_body = true;
      connection->consume(stream->id, stream->request_body.size());
      stream->request_body.clear();
      const auto answer = preflight_answer(routed, head, 11, true);
      stream->response_ended = true;
      submit_response(*connection, *stream, answer.result_int(), answer.base(), false);
      co_return;
    }
    case RequestAction::kForward:
      co_await forward(*connection, *stream, head, *listener, routed);
      co_return;
  }
}

}  // namespace lintel::dataplane::http2
