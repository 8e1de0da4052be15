#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "client_buffer.h"
#include "endpoint_picker.h"
#include "filters/cors_preflight.h"
#include "filters/route_filters.h"
#include "forwarding_headers.h"
#include "head_read_deadline.h"
#include "http1/request_parser.h"
#include "http2/h2c_upgrade.h"
#include "http2/server_connection.h"
#include "lintel/support/text.h"
#include "listen_address.h"
#include "mirror_sender.h"
#include "proxy_worker.h"
#include "request_body.h"
#include "request_routing.h"
#include "response_head.h"
#include "retry_attempts.h"
#include "tunnel.h"
#include "upstream_head.h"
#include "write_pieces.h"

namespace lintel::dataplane {
namespace {

constexpr std::size_t kUpstreamHeaderLimit = 64 * 1024;
constexpr std::size_t kRelayChunk = 16 * 1024;
// Servers close idle keep-alive connections after seconds (nginx 75 s, Node.js 5 s), not sooner.
constexpr auto kTrustIdleFor = std::chrono::seconds(1);
// Enough for nearly every request head and a small body in one read.
constexpr std::size_t kClientBufferSize = 16 * 1024;
// The largest Content-Length body read whole before it goes upstream, so that a route's retry
// can send it again; a larger one streams and is not retried.
constexpr std::uint64_t kRetryBodyBuffer = 64 * 1024;

using Request = http::request<http::string_body>;
using Clock = std::chrono::steady_clock;

auto redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

// Records the answer to one HTTP/1.1 request when it goes out of scope: its status (if one was
// written) and the time since the request's head was read.
class AnsweredRequest {
 public:
  AnsweredRequest(WorkerMetrics& metrics, const ClientStream& client)
      : metrics_(metrics), client_(client), start_(Clock::now()) {}
  ~AnsweredRequest() {
    if (client_.answered_status != 0)
      metrics_.request_done(Protocol::kHttp1, client_.answered_status, Clock::now() - start_);
  }
  AnsweredRequest(const AnsweredRequest&) = delete;
  AnsweredRequest& operator=(const AnsweredRequest&) = delete;

 private:
  WorkerMetrics& metrics_;
  const ClientStream& client_;
  Clock::time_point start_;
};

asio::awaitable<void> write_text(ClientStream& client, http::status status, unsigned version,
                                 std::string_view body, bool keep_alive, error_code& ec,
                                 const filters::HeaderModifier* response_headers = nullptr) {
  http::response<http::string_body> response{status, version == 10 ? 10u : 11u};
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  if (response_headers != nullptr) response_headers->apply(response.base());
  response.body() = body;
  response.keep_alive(keep_alive);
  response.prepare_payload();
  client.answered_status = static_cast<unsigned>(status);
  co_await http::async_write(client, response, redirect(ec));
}

asio::awaitable<void> write_redirect(ClientStream& client, unsigned status,
                                     const std::string& location, unsigned version, bool keep_alive,
                                     const filters::HeaderModifier& response_headers,
                                     error_code& ec) {
  http::response<http::empty_body> response{static_cast<http::status>(status),
                                            version == 10 ? 10u : 11u};
  response.set(http::field::location, location);
  response_headers.apply(response.base());
  response.keep_alive(keep_alive);
  response.prepare_payload();
  client.answered_status = status;
  co_await http::async_write(client, response, redirect(ec));
}

// The authority a redirect names when the request had no Host (HTTP/1.0): the address the
// client reached.
std::string local_authority(ClientStream& client) {
  error_code ec;
  const auto local = client.socket().local_endpoint(ec);
  if (ec) return std::string();
  const std::string address = local.address().to_string();
  return local.address().is_v6() ? "[" + address + "]" : address;
}

enum class ForwardResult {
  kDone,            // the upstream's response went to the client
  kClientBroken,    // the client connection cannot carry another response
  kConnectFailed,   // no connection to the upstream: nothing was sent anywhere
  kBadGateway,      // nothing was sent to the client yet
  kGatewayTimeout,  // nothing was sent to the client yet
  kUpgraded,  // the upstream's 101 went to the client; the context holds the upstream to splice
  kBadRequestBody,       // the client's chunked framing was wrong; nothing was sent to it yet
  kRequestBodyTooLarge,  // the client's chunked body passed the limit; nothing sent to it yet
  kRetriableStatus,  // the upstream answered a status the route retries; nothing sent to the client
};

struct ForwardContext {
  ProxyWorker& worker;
  const ProxyOptions& options;
  ClientStream& client;
  ClientBuffer& client_buffer;
  std::string_view upstream_head;
  RequestBody& body;
  // Reused for every response on the client connection; after kUpgraded, what the upstream
  // sent after its 101.
  beast::flat_buffer& upstream_buffer;
  char* relay_chunk;           // kRelayChunk bytes, reused likewise
  std::string& response_head;  // likewise
  unsigned version = 11;       // the client's
  bool is_head = false;
  bool client_keep_alive = true;
  // An HTTP/1.1 Upgrade request: sent on a connection of its own (never pooled), and a 101
  // answer makes the connection a tunnel.
  bool upgrade = false;
  unsigned upstream_status = 0;  // the upstream's answer, once its header arrived
  bool connect_timed_out = false;
  // After kUpgraded: the upstream connection.
  std::unique_ptr<beast::tcp_stream> tunnel_upstream = nullptr;
  // The route's filters on the way back: the backend's first, then the route's.
  const filters::HeaderModifier* backend_response_headers = nullptr;
  const filters::HeaderModifier* route_response_headers = nullptr;
  // The route's timeouts: an absolute end for the whole exchange, and a limit per attempt.
  Clock::time_point request_deadline = Clock::time_point::max();
  std::chrono::milliseconds backend_request_timeout{0};
  // The route's CORS headers for this request's Origin; null without a CORS filter.
  const filters::CorsResponse* cors = nullptr;
  // Set while another attempt may follow: an answer with a status it retries is then dropped
  // (kRetriableStatus) unless the wait before the retry would pass the request deadline.
  const RetryPolicy* retry = nullptr;
  std::chrono::milliseconds retry_wait{0};
};

asio::awaitable<ForwardResult> forward(ForwardContext& context, const tcp::endpoint& endpoint) {
  const auto& options = context.options;
  auto deadline = context.request_deadline;
  if (context.backend_request_timeout.count() > 0) {
    deadline = std::min(deadline, Clock::now() + context.backend_request_timeout);
  }
  // A route's timeouts replace the proxy's default wait for the upstream, longer or shorter.
  const auto upstream_expiry = [&] {
    return deadline != Clock::time_point::max() ? deadline
                                                : Clock::now() + options.upstream_timeout;
  };
  error_code ec;
  for (int attempt = 0; attempt < 2; ++attempt) {
    // An upgraded connection can never be reused, so an upgrade gets a fresh one and leaves
    // the idle ones for ordinary requests.
    // A request that can go again (all its bytes at hand) trusts a recently used connection
    // without a look; if the server closed it meanwhile, the retry takes a fresh one.
    const bool replayable = !context.body.streamed &&
                            (context.body.framing == http1::BodyFraming::kNone ||
                             (context.body.framing == http1::BodyFraming::kContentLength &&
                              context.client_buffer.readable().size() >= context.body.remaining));
    auto upstream = context.upgrade || attempt > 0
                        ? nullptr
                        : context.worker.pool.take(
                              endpoint, replayable ? kTrustIdleFor : Clock::duration::zero());
    const bool reused = upstream != nullptr;
    WorkerMetrics& metrics = context.worker.metrics;
    if (!reused) {
      upstream = std::make_unique<beast::tcp_stream>(context.worker.io);
      upstream->expires_at(std::min(Clock::now() + options.upstream_connect_timeout, deadline));
      metrics.upstream_connects.add();
      co_await upstream->async_connect(endpoint, redirect(ec));
      context.connect_timed_out = ec == beast::error::timeout;
      if (ec) {
        metrics.upstream_connect_failures.add();
        co_return ForwardResult::kConnectFailed;
      }
      upstream->socket().set_option(tcp::no_delay(true), ec);
    }
    // A pooled connection the server closed meanwhile fails before any response byte; only
    // then is a retry safe, since the server cannot have acted on the request.
    const bool may_retry = reused && attempt == 0;

    const SendTimeouts timeouts{deadline, options.upstream_timeout, options.client_idle_timeout};
    const auto sent_at = Clock::now();
    switch (co_await send_request(*upstream, context.client, context.client_buffer,
                                  context.upstream_head, context.body, timeouts)) {
      case SendResult::kSent:
        break;
      case SendResult::kUpstreamError:
        // Only a request whose bytes are all still at hand can go again.
        if (may_retry && !context.body.streamed) continue;
        co_return ForwardResult::kBadGateway;
      case SendResult::kUpstreamTimeout:
        co_return ForwardResult::kGatewayTimeout;
      case SendResult::kClientError:
        co_return ForwardResult::kClientBroken;
      case SendResult::kBadBody:
        co_return ForwardResult::kBadRequestBody;
      case SendResult::kBodyTooLarge:
        co_return ForwardResult::kRequestBodyTooLarge;
    }

    auto& upstream_buffer = context.upstream_buffer;
    upstream_buffer.clear();
    std::optional<http::response_parser<http::buffer_body>> parser;
    for (;;) {
      parser.emplace();
      parser->header_limit(kUpstreamHeaderLimit);
      // Streamed, so the size of the upstream body costs no memory.
      parser->body_limit(std::numeric_limits<std::uint64_t>::max());
      if (context.is_head) parser->skip(true);
      upstream->expires_at(upstream_expiry());
      co_await http::async_read_header(*upstream, upstream_buffer, *parser, redirect(ec));
      if (ec) break;
      const unsigned status = parser->get().result_int();
      // Interim responses are for the upstream's own client; ours is us.
      if (status < 100 || status >= 200 || status == 101) break;
    }
    if (ec) {
      if (ec == beast::error::timeout) {
        metrics.upstream_timeouts.add();
        co_return ForwardResult::kGatewayTimeout;
      }
      if (may_retry && !parser->got_some() && !context.body.streamed) continue;
      co_return ForwardResult::kBadGateway;
    }
    metrics.upstream_header_duration.observe(Clock::now() - sent_at);
    auto& response = parser->get();
    context.upstream_status = response.result_int();
    if (response.result_int() == 101) {
      // A 101 the client did not ask for cannot be relayed: it would end HTTP on a connection
      // the client still speaks HTTP on.
      if (!context.upgrade) co_return ForwardResult::kBadGateway;
      strip_hop_by_hop_keep_upgrade(response.base());
      response.version(11);
      http::response<http::empty_body> switching{std::move(response.base())};
      context.client.answered_status = 101;
      context.client.expires_after(options.client_idle_timeout);
      co_await http::async_write(context.client, switching, redirect(ec));
      if (ec) co_return ForwardResult::kClientBroken;
      context.client_keep_alive = false;
      context.tunnel_upstream = std::move(upstream);
      co_return ForwardResult::kUpgraded;
    }

    const unsigned status = response.result_int();
    if (context.retry != nullptr && context.retry->retries_status(status) &&
        Clock::now() + context.retry_wait < context.request_deadline) {
      co_return ForwardResult::kRetriableStatus;  // the connection closes with its unread answer
    }
    // An upstream that refused an upgrade yet says "Connection: upgrade" may be about to
    // switch anyway; such a connection is not safe to reuse.
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
    bool client_keep_alive = context.client_keep_alive;
    ResponseFraming framing = ResponseFraming::kAsReceived;
    if (!bodyless && !parser->content_length()) {
      // Re-frame a chunked or close-delimited body: chunked for HTTP/1.1 clients, and for
      // HTTP/1.0 the end of the body is the end of the connection.
      framing = context.version == 11 ? ResponseFraming::kChunked : ResponseFraming::kClose;
      if (framing == ResponseFraming::kClose) client_keep_alive = false;
    }
    context.client_keep_alive = client_keep_alive;
    // Written by us rather than Beast's serializer: no serializer state, no field edits, and
    // the head leaves together with the first piece of the body.
    write_response_head(response.base(), framing, client_keep_alive, context.version,
                        context.response_head);
    context.client.answered_status = response.result_int();

    char* const chunk = context.relay_chunk;
    char size_line[20];
    bool head_sent = false;
    for (;;) {
      bool last = parser->is_done();
      std::size_t size = 0;
      if (!last) {
        response.body().data = chunk;
        response.body().size = kRelayChunk;
        upstream->expires_at(upstream_expiry());
        co_await http::async_read(*upstream, upstream_buffer, *parser, redirect(ec));
        if (ec == http::error::need_buffer) ec = {};
        if (ec) {
          if (head_sent) co_return ForwardResult::kClientBroken;
          co_return ec == beast::error::timeout ? ForwardResult::kGatewayTimeout
                                                : ForwardResult::kBadGateway;
        }
        size = kRelayChunk - response.body().size;
        last = parser->is_done();
      }
      WritePieces out;
      if (!head_sent) out.add(context.response_head);
      const std::string_view data(chunk, size);
      if (framing == ResponseFraming::kChunked && size > 0) {
        const int length = std::snprintf(size_line, sizeof(size_line), "%zx\r\n", size);
        out.add(std::string_view(size_line, static_cast<std::size_t>(length)));
        out.add(data);
        out.add("\r\n");
      } else {
        out.add(data);
      }
      if (last && framing == ResponseFraming::kChunked) out.add("0\r\n\r\n");
      if (!out.empty()) {
        context.client.expires_after(options.client_idle_timeout);
        co_await asio::async_write(context.client, out.buffers(), redirect(ec));
        if (ec) co_return ForwardResult::kClientBroken;
        head_sent = true;
      }
      if (last) break;
    }

    if (parser->is_done() && upstream_keep_alive && !parser->need_eof() &&
        upstream_buffer.size() == 0) {
      context.worker.pool.give_back(endpoint, std::move(upstream));
    }
    co_return ForwardResult::kDone;
  }
  co_return ForwardResult::kBadGateway;
}

EndpointOutcome outcome_of(ForwardResult result) {
  switch (result) {
    case ForwardResult::kUpgraded:
    case ForwardResult::kDone:
    case ForwardResult::kRetriableStatus:
      return EndpointOutcome::kAnswered;
    case ForwardResult::kClientBroken:
    case ForwardResult::kBadRequestBody:
    case ForwardResult::kRequestBodyTooLarge:
      return EndpointOutcome::kClientFault;
    case ForwardResult::kConnectFailed:
    case ForwardResult::kBadGateway:
    case ForwardResult::kGatewayTimeout:
      break;
  }
  return EndpointOutcome::kEndpointFault;
}

// One read of the rest of a request head, cancelled at `deadline` (then `timed_out` is set).
// A coroutine of its own, called only when a head did not arrive in one read: its timer would
// make the frame of whoever awaits it larger.
asio::awaitable<std::size_t> read_before(ClientStream& client, asio::mutable_buffer space,
                                         Clock::time_point deadline,
                                         std::chrono::milliseconds idle_timeout, bool& timed_out,
                                         error_code& ec) {
  client.expires_never();
  std::size_t read = 0;
  {
    const HeadReadDeadline head_deadline(client.socket(), deadline);
    read = co_await client.async_read_some(space, redirect(ec));
    timed_out = head_deadline.expired();
  }
  // What follows (an answer of our own) writes under the usual limit again.
  client.expires_after(idle_timeout);
  if (timed_out) ec = {};
  co_return read;
}

// Reads until `bytes` are buffered; false if the client went away first.
asio::awaitable<bool> buffer_at_least(ClientStream& client, ClientBuffer& buffer, std::size_t bytes,
                                      std::chrono::milliseconds idle_timeout, error_code& ec) {
  while (buffer.readable().size() < bytes) {
    const auto space = buffer.prepare();
    if (space.size() == 0) co_return false;
    client.expires_after(idle_timeout);
    const std::size_t read = co_await client.async_read_some(space, redirect(ec));
    if (ec) co_return false;
    buffer.commit(read);
  }
  co_return true;
}

bool is_upgrade(const http1::RequestHead& head) {
  if (head.version() != http1::HttpVersion::kHttp11 || !head.upgrade_requested()) return false;
  if (http2::asks_for_h2c(head)) return false;
  const auto upgrade = head.find("upgrade");
  return upgrade && !support::trim_whitespace(*upgrade).empty();
}

std::string error_text(http1::ParseError error) {
  std::string text(http1::reason(error));
  text.push_back('\n');
  return text;
}

}  // namespace

asio::awaitable<void> serve_proxy_connection(ClientStream client, tcp::endpoint peer,
                                             tcp::endpoint bound, ProxyWorker& worker,
                                             const ProxyShared& shared) {
  const ProxyOptions& options = shared.options;
  error_code ec;
  const std::string client_address = peer.address().to_string();
  http1::RequestParserLimits limits;
  limits.max_header_section = options.max_request_header_bytes;
  http1::RequestParser parser(limits);
  // Large enough for any head the parser accepts, and for a mirrored route's whole body.
  ClientBuffer buffer(kClientBufferSize,
                      limits.max_request_line + limits.max_header_section + 1024 +
                          static_cast<std::size_t>(options.max_request_body_bytes));
  // Beast sizes each read by the buffer's free capacity, 512 bytes at least: an empty buffer
  // means 128 reads (and coroutine resumptions) per 64 KiB body.
  beast::flat_buffer upstream_buffer;
  upstream_buffer.reserve(kRelayChunk);
  const auto relay_chunk = std::make_unique<char[]>(kRelayChunk);
  std::string upstream_head;
  std::string response_head;
  bool refused = false;  // the connection ends on an error answer, maybe with request bytes unread
  for (bool first_request = true;; first_request = false) {
    parser.reset();
    // Read until the parser has a whole head, refuses it, or the client is gone (`ec`). Written
    // here rather than in a coroutine of its own, whose frame would cost an allocation per
    // request. Between requests the client may stay idle for client_idle_timeout (then the
    // connection just closes); once a head has begun, the rest must come within
    // request_header_timeout, or 408.
    http1::ParseResult parsed;
    std::optional<Clock::time_point> head_deadline;
    bool head_timed_out = false;
    for (;;) {
      parsed = parser.parse(buffer.readable());
      if (parsed.status != http1::ParseStatus::kNeedMore) break;
      const auto space = buffer.prepare();
      if (space.size() == 0) {
        // Unreachable with the buffer sized past the parser's limits; refused all the same.
        parsed = {http1::ParseStatus::kError, http1::ParseError::kHeaderSectionTooLarge, 0};
        break;
      }
      std::size_t read = 0;
      if (buffer.empty()) {
        client.expires_after(options.client_idle_timeout);
        read = co_await client.async_read_some(space, redirect(ec));
      } else {
        if (!head_deadline) head_deadline = Clock::now() + options.request_header_timeout;
        read = co_await read_before(client, space, *head_deadline, options.client_idle_timeout,
                                    head_timed_out, ec);
      }
      if (ec || head_timed_out) break;
      buffer.commit(read);
    }
    if (ec) break;
    // Counts this request's answer, whichever way the iteration ends (an HTTP/2 preface is not
    // a request: it answers nothing here).
    client.answered_status = 0;
    const AnsweredRequest answered(worker.metrics, client);
    if (head_timed_out) {
      refused = true;
      co_await write_text(client, http::status::request_timeout, 11, "request header timeout\n",
                          false, ec);
      break;
    }
    if (parsed.status == http1::ParseStatus::kError && first_request &&
        buffer.readable().starts_with(http2::kPrefaceStart) && !client.is_tls()) {
      // An HTTP/2 client with prior knowledge (h2c): what was read is the start of its preface.
      co_await http2::serve_http2_connection(client, buffer.readable(), peer, bound, worker,
                                             shared);
      break;
    }
    if (parsed.status == http1::ParseStatus::kError) {
      refused = true;
      co_await write_text(client, static_cast<http::status>(http1::http_status(parsed.error)), 11,
                          error_text(parsed.error), false, ec);
      break;
    }
    const http1::RequestHead& head = parser.head();
    const unsigned version = head.version() == http1::HttpVersion::kHttp10 ? 10 : 11;
    if (head.body_framing() == http1::BodyFraming::kContentLength &&
        head.content_length() > options.max_request_body_bytes) {
      refused = true;
      co_await write_text(client, http::status::payload_too_large, version,
                          "request body too large\n", false, ec);
      break;
    }
    if (!client.is_tls()) {
      if (const auto settings = http2::h2c_upgrade_settings(head)) {
        co_await asio::async_write(
            client,
            asio::buffer(std::string_view("HTTP/1.1 101 Switching Protocols\r\n"
                                          "Connection: Upgrade\r\n"
                                          "Upgrade: h2c\r\n\r\n")),
            redirect(ec));
        if (ec) break;
        const std::string request_head(buffer.readable().substr(0, parsed.consumed));
        const http2::UpgradedRequest upgraded{request_head, *settings, head.method() == "HEAD"};
        buffer.consume(parsed.consumed);
        co_await http2::serve_http2_connection(client, buffer.readable(), peer, bound, worker,
                                               shared, &upgraded);
        break;
      }
    }
    // Reset when the connection becomes a tunnel: stop() waits for requests, not tunnels.
    std::optional<ActiveRequest> active(std::in_place, worker.active_requests);
    const bool has_body =
        head.body_framing() == http1::BodyFraming::kChunked || head.content_length() > 0;
    bool keep_alive = head.keep_alive() && !shared.stopping.load(std::memory_order_relaxed);
    // An answer of this hop's own leaves the body unread: the connection cannot carry another
    // request, and the lingering close takes what the client still sends.
    const bool own_answer_keep_alive = keep_alive && !has_body;
    const auto config = worker.config(shared);
    const CompiledListener* listener = nullptr;
    if (config) {
      const auto found = config->listeners.find(bound);
      if (found != config->listeners.end()) listener = &found->second;
    }
    if (listener == nullptr) {
      // The port left the config while this connection was open.
      refused = true;
      co_await write_text(client, http::status::not_found, version, "no listener\n", false, ec);
      break;
    }
    const std::string fallback_host = head.host().empty() ? local_authority(client) : std::string();
    RoutedRequest routed =
        route_request(*config, *listener, head, client.server_name(), fallback_host, worker.random);

    bool forwarded = false;
    if (routed.action == RequestAction::kRedirect) {
      co_await write_redirect(client, routed.status, routed.location, version,
                              own_answer_keep_alive, *routed.answer_headers, ec);
    } else if (routed.action == RequestAction::kOwnAnswer) {
      co_await write_text(client, static_cast<http::status>(routed.status), version, routed.body,
                          own_answer_keep_alive, ec, routed.answer_headers);
    } else if (routed.action == RequestAction::kCorsPreflight) {
      const auto answer = preflight_answer(routed, head, version, own_answer_keep_alive);
      client.answered_status = answer.result_int();
      co_await http::async_write(client, answer, redirect(ec));
    } else {
      {
        const CompiledCluster* cluster = routed.cluster;
        const filters::RouteFilters* route_filters = routed.route_filters;
        const filters::BackendFilters* backend_filters = routed.backend_filters;
        forwarded = true;
        RequestBody body(head, options.max_request_body_bytes);
        const bool upgrade = is_upgrade(head);
        char request_id[32];
        format_request_id(worker.random.next(), worker.random.next(), request_id);
        const ForwardingInfo info{client_address, listener->scheme,
                                  std::string_view(request_id, sizeof(request_id)), upgrade};
        const bool mirrored = mirrors_request(route_filters) && !upgrade &&
                              head.body_framing() != http1::BodyFraming::kChunked;
        bool client_gone = false;
        const RetryPolicy* retry = route_filters != nullptr && route_filters->retry && !upgrade
                                       ? &*route_filters->retry
                                       : nullptr;
        // A body held whole can be sent again: a retried route reads a small one first.
        const bool buffer_for_retry = retry != nullptr &&
                                      head.body_framing() == http1::BodyFraming::kContentLength &&
                                      head.content_length() <= kRetryBodyBuffer;
        if ((mirrored || buffer_for_retry) && has_body) {
          // The copies (or a retry) carry the body, so it is read whole first (within the body
          // limit).
          if (body.expects_continue) {
            body.continue_sent = true;
            client.expires_after(options.client_idle_timeout);
            co_await asio::async_write(client, asio::buffer("HTTP/1.1 100 Continue\r\n\r\n", 25),
                                       redirect(ec));
          }
          client_gone = ec || !co_await buffer_at_least(client, buffer,
                                                        parsed.consumed + head.content_length(),
                                                        options.client_idle_timeout, ec);
          parser.head().rebase(buffer.readable());
        }
        if (client_gone) break;
        prepare_upstream_head(worker, options, head, info, route_filters, backend_filters, mirrored,
                              mirrored ? buffer.readable().substr(parsed.consumed, body.remaining)
                                       : std::string_view(),
                              upstream_head);
        // From here on the head's views are not used: the body follows in the buffer.
        const bool is_head = head.method() == "HEAD";
        buffer.consume(parsed.consumed);

        ForwardContext context{worker,        options, client,          buffer,
                               upstream_head, body,    upstream_buffer, relay_chunk.get(),
                               response_head, version, is_head,         keep_alive,
                               upgrade};
        filters::CorsResponse cors_response;
        if (route_filters != nullptr && route_filters->cors) {
          cors_response = filters::CorsResponse(*route_filters->cors, head.find("origin"));
          context.cors = &cors_response;
        }
        if (route_filters != nullptr) {
          context.route_response_headers = &route_filters->response_headers;
          context.backend_response_headers =
              backend_filters ? &backend_filters->response_headers : nullptr;
          if (route_filters->request_timeout.count() > 0) {
            context.request_deadline = Clock::now() + route_filters->request_timeout;
          }
          context.backend_request_timeout = route_filters->backend_request_timeout;
        }
        // A failed connect sent nothing, so the request goes to the next endpoint at once; past
        // those, a route's retry tries again after its backoff (snapshot.proto's RetryPolicy).
        const auto connect_attempts = std::min<std::size_t>(
            std::max(1u, options.max_connect_attempts), cluster->endpoints.size());
        std::size_t connect_failures = 0;
        std::uint32_t retries = 0;
        ForwardResult result = ForwardResult::kConnectFailed;
        for (;;) {
          const std::size_t index =
              pick_endpoint(*cluster, worker, options.load_balancing, EndpointHealth::Clock::now());
          const tcp::endpoint& endpoint = cluster->endpoints[index];
          context.upstream_status = 0;
          const bool may_retry =
              retry != nullptr && retries < retry->attempts() && request_replayable(body, buffer);
          context.retry = may_retry ? retry : nullptr;
          context.retry_wait = may_retry ? retry->backoff(retries + 1, worker.random.next())
                                         : std::chrono::milliseconds(0);
          {
            const InFlight counted(cluster->per_worker[worker.index].in_flight[index]);
            result = co_await forward(context, endpoint);
          }
          record_health(worker, endpoint, outcome_of(result), context.upstream_status);
          if (result == ForwardResult::kConnectFailed && ++connect_failures < connect_attempts) {
            continue;
          }
          const bool failed =
              result == ForwardResult::kRetriableStatus || result == ForwardResult::kConnectFailed;
          if (!failed || !may_retry) break;
          ++retries;
          if (!co_await wait_before_retry(worker.io, context.retry_wait,
                                          context.request_deadline)) {
            break;
          }
        }
        keep_alive = context.client_keep_alive;
        if (body.done) {
          buffer.consume(body.replayable_bytes);
        } else if (has_body) {
          // The rest of the body is still on its way: nothing after it can be read as a request.
          keep_alive = false;
          refused = true;
        }
        switch (result) {
          case ForwardResult::kDone:
            break;
          case ForwardResult::kUpgraded: {
            // The client connection is the tunnel's now and ends with it.
            active.reset();
            beast::flat_buffer client_pending;
            const auto leftover = buffer.readable();
            client_pending.commit(
                asio::buffer_copy(client_pending.prepare(leftover.size()), asio::buffer(leftover)));
            co_await splice_tunnel(client, client_pending, *context.tunnel_upstream,
                                   upstream_buffer, options.client_idle_timeout);
            keep_alive = false;
            break;
          }
          case ForwardResult::kClientBroken:
            keep_alive = false;
            refused = false;
            ec = asio::error::broken_pipe;
            break;
          case ForwardResult::kBadRequestBody:
            co_await write_text(client, static_cast<http::status>(http1::http_status(body.error)),
                                version, error_text(body.error), false, ec);
            break;
          case ForwardResult::kRequestBodyTooLarge:
            co_await write_text(client, http::status::payload_too_large, version,
                                "request body too large\n", false, ec);
            break;
          case ForwardResult::kConnectFailed:
            // As nginx: a connect that timed out is a 504, a refused one a 502.
            co_await write_text(client,
                                context.connect_timed_out ? http::status::gateway_timeout
                                                          : http::status::bad_gateway,
                                version,
                                context.connect_timed_out ? "upstream connect timeout\n"
                                                          : "upstream connect error\n",
                                keep_alive, ec);
            break;
          case ForwardResult::kBadGateway:
            co_await write_text(client, http::status::bad_gateway, version,
                                "bad upstream response\n", keep_alive, ec);
            break;
          case ForwardResult::kGatewayTimeout:
            co_await write_text(client, http::status::gateway_timeout, version,
                                "upstream timeout\n", keep_alive, ec);
            break;
          case ForwardResult::kRetriableStatus:
            // The request timeout came before the retry could start.
            co_await write_text(client, http::status::gateway_timeout, version,
                                "upstream timeout\n", keep_alive, ec);
            break;
        }
      }
    }
    if (!forwarded) {
      if (has_body) refused = true;
      keep_alive = own_answer_keep_alive;
      buffer.consume(parsed.consumed);
    }
    if (ec || !keep_alive) break;
  }
  client.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (!refused) co_return;
  // Lingering close: closing a socket with unread bytes (the rest of a refused request) makes
  // the kernel send a reset, which can destroy the answer before the client reads it. Drain what
  // the client still sends, bounded in bytes and time, until it closes too.
  client.expires_after(std::chrono::seconds(2));
  char discard[4096];
  for (std::size_t drained = 0; drained < 256 * 1024;) {
    const std::size_t read = co_await client.async_read_some(asio::buffer(discard), redirect(ec));
    if (ec) break;
    drained += read;
  }
}

}  // namespace lintel::dataplane
