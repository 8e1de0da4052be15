#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "filters/route_filters.h"
#include "forwarding_headers.h"
#include "listen_address.h"
#include "mirror_sender.h"
#include "proxy_worker.h"
#include "tunnel.h"

namespace lintel::dataplane {
namespace {

constexpr std::size_t kUpstreamHeaderLimit = 64 * 1024;
constexpr std::size_t kRelayChunk = 16 * 1024;

using Request = http::request<http::string_body>;
using Clock = std::chrono::steady_clock;

auto redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

// Lets the router read request headers without copying them all into a map first.
class BeastHeaderSource final : public RouteRequest::HeaderSource {
 public:
  explicit BeastHeaderSource(const http::fields& fields) : fields_(fields) {}
  bool find(std::string_view lower_name, std::string& value) const override {
    const auto range =
        fields_.equal_range(beast::string_view(lower_name.data(), lower_name.size()));
    if (range.first == range.second) return false;
    value.clear();
    for (auto it = range.first; it != range.second; ++it) {
      if (!value.empty()) value.append(", ");
      value.append(it->value().data(), it->value().size());
    }
    return true;
  }

 private:
  const http::fields& fields_;
};

// Counts a request as in flight for stop()'s grace period.
class ActiveRequest {
 public:
  explicit ActiveRequest(std::atomic<int>& count) : count_(count) {
    count_.fetch_add(1, std::memory_order_relaxed);
  }
  ~ActiveRequest() { count_.fetch_sub(1, std::memory_order_release); }
  ActiveRequest(const ActiveRequest&) = delete;
  ActiveRequest& operator=(const ActiveRequest&) = delete;

 private:
  std::atomic<int>& count_;
};

asio::awaitable<void> write_text(beast::tcp_stream& client, http::status status, unsigned version,
                                 std::string_view body, bool keep_alive, error_code& ec,
                                 const filters::HeaderModifier* response_headers = nullptr) {
  http::response<http::string_body> response{status, version == 10 ? 10u : 11u};
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  if (response_headers != nullptr) response_headers->apply(response.base());
  response.body() = body;
  response.keep_alive(keep_alive);
  response.prepare_payload();
  co_await http::async_write(client, response, redirect(ec));
}

asio::awaitable<void> write_redirect(beast::tcp_stream& client, unsigned status,
                                     const std::string& location, unsigned version, bool keep_alive,
                                     const filters::HeaderModifier& response_headers,
                                     error_code& ec) {
  http::response<http::empty_body> response{static_cast<http::status>(status),
                                            version == 10 ? 10u : 11u};
  response.set(http::field::location, location);
  response_headers.apply(response.base());
  response.keep_alive(keep_alive);
  response.prepare_payload();
  co_await http::async_write(client, response, redirect(ec));
}

// The authority a redirect names when the request had no Host (HTTP/1.0): the address the
// client reached.
std::string local_authority(beast::tcp_stream& client) {
  error_code ec;
  const auto local = client.socket().local_endpoint(ec);
  if (ec) return std::string();
  const std::string address = local.address().to_string();
  return local.address().is_v6() ? "[" + address + "]" : address;
}

// RFC 9112 §6.3: a message with both Content-Length and Transfer-Encoding, or with several
// Content-Length values, is a request-smuggling vector; refuse it rather than pick one.
bool has_ambiguous_framing(const http::fields& fields) {
  const auto lengths = fields.equal_range(http::field::content_length);
  std::size_t length_count = 0;
  for (auto it = lengths.first; it != lengths.second; ++it) {
    ++length_count;
    if (it->value().find(',') != beast::string_view::npos) return true;
  }
  if (length_count > 1) return true;
  return length_count == 1 && fields.find(http::field::transfer_encoding) != fields.end();
}

enum class ForwardResult {
  kDone,            // the upstream's response went to the client
  kClientBroken,    // the client connection cannot carry another response
  kConnectFailed,   // no connection to the upstream: nothing was sent anywhere
  kBadGateway,      // nothing was sent to the client yet
  kGatewayTimeout,  // nothing was sent to the client yet
  kUpgraded  // the upstream's 101 went to the client; the context holds the upstream to splice
};

struct ForwardContext {
  ProxyWorker& worker;
  const ProxyOptions& options;
  beast::tcp_stream& client;
  Request& request;
  bool is_head = false;
  bool client_keep_alive = true;
  // An HTTP/1.1 Upgrade request: sent on a connection of its own (never pooled), and a 101
  // answer makes the connection a tunnel.
  bool upgrade = false;
  unsigned upstream_status = 0;  // the upstream's answer, once its header arrived
  bool connect_timed_out = false;
  // After kUpgraded: the upstream connection and what it sent after its 101.
  std::unique_ptr<beast::tcp_stream> tunnel_upstream = nullptr;
  beast::flat_buffer tunnel_pending{};
  // The route's filters on the way back: the backend's first, then the route's.
  const filters::HeaderModifier* backend_response_headers = nullptr;
  const filters::HeaderModifier* route_response_headers = nullptr;
  // The route's timeouts: an absolute end for the whole exchange, and a limit per attempt.
  Clock::time_point request_deadline = Clock::time_point::max();
  std::chrono::milliseconds backend_request_timeout{0};
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
    auto upstream = context.upgrade ? nullptr : context.worker.pool.take(endpoint);
    const bool reused = upstream != nullptr;
    if (!reused) {
      upstream = std::make_unique<beast::tcp_stream>(context.worker.io);
      upstream->expires_at(std::min(Clock::now() + options.upstream_connect_timeout, deadline));
      co_await upstream->async_connect(endpoint, redirect(ec));
      context.connect_timed_out = ec == beast::error::timeout;
      if (ec) co_return ForwardResult::kConnectFailed;
      upstream->socket().set_option(tcp::no_delay(true), ec);
    }
    // A pooled connection the server closed meanwhile fails before any response byte; only
    // then is a retry safe, since the server cannot have acted on the request.
    const bool may_retry = reused && attempt == 0;

    upstream->expires_at(upstream_expiry());
    co_await http::async_write(*upstream, context.request, redirect(ec));
    if (ec) {
      if (may_retry && ec != beast::error::timeout) continue;
      co_return ec == beast::error::timeout ? ForwardResult::kGatewayTimeout
                                            : ForwardResult::kBadGateway;
    }

    beast::flat_buffer upstream_buffer;
    // Beast sizes each read by the buffer's free capacity, 512 bytes at least: an empty buffer
    // means 128 reads (and coroutine resumptions) per 64 KiB body. Measured: 306 us of CPU per
    // 64 KiB response before this line.
    upstream_buffer.reserve(kRelayChunk);
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
      if (ec == beast::error::timeout) co_return ForwardResult::kGatewayTimeout;
      if (may_retry && !parser->got_some()) continue;
      co_return ForwardResult::kBadGateway;
    }
    auto& response = parser->get();
    context.upstream_status = response.result_int();
    if (response.result_int() == 101) {
      // A 101 the client did not ask for cannot be relayed: it would end HTTP on a connection
      // the client still speaks HTTP on.
      if (!context.upgrade) co_return ForwardResult::kBadGateway;
      strip_hop_by_hop_keep_upgrade(response.base());
      response.version(11);
      http::response<http::empty_body> switching{std::move(response.base())};
      context.client.expires_after(options.client_idle_timeout);
      co_await http::async_write(context.client, switching, redirect(ec));
      if (ec) co_return ForwardResult::kClientBroken;
      context.client_keep_alive = false;
      context.tunnel_upstream = std::move(upstream);
      context.tunnel_pending = std::move(upstream_buffer);
      co_return ForwardResult::kUpgraded;
    }

    const unsigned status = response.result_int();
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
    response.version(context.request.version() == 10 ? 10 : 11);
    bool client_keep_alive = context.client_keep_alive;
    if (!bodyless && !parser->content_length()) {
      // Re-frame a chunked or close-delimited body: chunked for HTTP/1.1 clients, and for
      // HTTP/1.0 the end of the body is the end of the connection.
      if (response.version() == 11) {
        response.chunked(true);
      } else {
        client_keep_alive = false;
      }
    }
    response.keep_alive(client_keep_alive);
    context.client_keep_alive = client_keep_alive;

    http::serializer<false, http::buffer_body> serializer{response};
    char chunk[kRelayChunk];
    bool sent_anything = false;
    do {
      if (!parser->is_done()) {
        response.body().data = chunk;
        response.body().size = sizeof(chunk);
        upstream->expires_at(upstream_expiry());
        co_await http::async_read(*upstream, upstream_buffer, *parser, redirect(ec));
        if (ec == http::error::need_buffer) ec = {};
        if (ec) {
          if (sent_anything) co_return ForwardResult::kClientBroken;
          co_return ec == beast::error::timeout ? ForwardResult::kGatewayTimeout
                                                : ForwardResult::kBadGateway;
        }
        response.body().size = sizeof(chunk) - response.body().size;
        response.body().data = chunk;
        response.body().more = !parser->is_done();
      } else {
        response.body().data = nullptr;
        response.body().size = 0;
        response.body().more = false;
      }
      context.client.expires_after(options.client_idle_timeout);
      co_await http::async_write(context.client, serializer, redirect(ec));
      sent_anything = true;
      if (ec == http::error::need_buffer) ec = {};
      if (ec) co_return ForwardResult::kClientBroken;
    } while (!serializer.is_done());

    if (parser->is_done() && upstream_keep_alive && !parser->need_eof() &&
        upstream_buffer.size() == 0) {
      context.worker.pool.give_back(endpoint, std::move(upstream));
    }
    co_return ForwardResult::kDone;
  }
  co_return ForwardResult::kBadGateway;
}

// Round robin over the endpoints that are not ejected. When every endpoint is ejected, round
// robin over all of them ("panic mode", as Envoy calls it): sending to a possibly broken
// endpoint beats refusing every request while the ejections last.
const tcp::endpoint& pick_endpoint(const CompiledCluster& cluster, ProxyWorker& worker,
                                   EndpointHealth::Clock::time_point now) {
  auto& cursor = cluster.cursors[worker.index].next;
  const std::size_t count = cluster.endpoints.size();
  for (std::size_t i = 0; i < count; ++i) {
    const tcp::endpoint& endpoint = cluster.endpoints[cursor++ % count];
    if (!worker.health.ejected(endpoint, now)) return endpoint;
  }
  return cluster.endpoints[cursor++ % count];
}

void record_health(ProxyWorker& worker, const tcp::endpoint& endpoint, ForwardResult result,
                   unsigned upstream_status) {
  switch (result) {
    case ForwardResult::kUpgraded:
    case ForwardResult::kDone:
      if (upstream_status >= 500) {
        worker.health.record_failure(endpoint, EndpointHealth::Clock::now());
      } else {
        worker.health.record_success(endpoint);
      }
      return;
    case ForwardResult::kClientBroken:
      return;  // the client's fault, not the endpoint's
    case ForwardResult::kConnectFailed:
    case ForwardResult::kBadGateway:
    case ForwardResult::kGatewayTimeout:
      worker.health.record_failure(endpoint, EndpointHealth::Clock::now());
      return;
  }
}

// Picks a backend by weight, and says which in `index`. `invalid` is set when the share picked
// has no backend: every weight is 0, or the backendRef did not resolve (an empty cluster
// name). Gateway API answers those requests with 500.
const CompiledCluster* pick_cluster(const CompiledConfig& config,
                                    const snapshot::v1::ForwardAction& action, FastRandom& random,
                                    bool& invalid, int& index) {
  std::uint64_t total = 0;
  for (const auto& weighted : action.clusters()) total += weighted.weight();
  invalid = total == 0;
  if (total == 0) return nullptr;
  std::uint64_t pick = random.next() % total;
  for (index = 0; index < action.clusters_size(); ++index) {
    const auto& weighted = action.clusters(index);
    if (pick < weighted.weight()) {
      invalid = weighted.cluster().empty();
      const auto found = config.clusters.find(weighted.cluster());
      return found == config.clusters.end() ? nullptr : &found->second;
    }
    pick -= weighted.weight();
  }
  return nullptr;
}

const filters::RouteFilters* filters_of(const CompiledConfig& config,
                                        const snapshot::v1::Route* route) {
  if (config.route_filters.empty()) return nullptr;
  const auto found = config.route_filters.find(route);
  return found == config.route_filters.end() ? nullptr : &found->second;
}

// Each sampled mirror gets the request as it is about to go upstream; all share one copy.
void send_mirrors(ProxyWorker& worker, const ProxyOptions& options,
                  const filters::RouteFilters& route_filters, const Request& request) {
  std::shared_ptr<const Request> copy;
  for (const auto& mirror : route_filters.mirrors) {
    if (mirror.cluster->endpoints.empty() || !mirror.sampled(worker.random.next())) continue;
    if (!copy) copy = std::make_shared<const Request>(request);
    send_mirror(worker, options, pick_endpoint(*mirror.cluster, worker, Clock::now()), copy);
  }
}

}  // namespace

asio::awaitable<void> serve_proxy_connection(tcp::socket socket, tcp::endpoint peer,
                                             tcp::endpoint bound, ProxyWorker& worker,
                                             const ProxyShared& shared) {
  const ProxyOptions& options = shared.options;
  error_code ec;
  const std::string client_address = peer.address().to_string();
  beast::tcp_stream client(std::move(socket));
  beast::flat_buffer buffer;
  bool refused = false;  // the connection ends on an error answer, maybe with request bytes unread
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_request_header_bytes));
    parser.body_limit(options.max_request_body_bytes);
    client.expires_after(options.client_idle_timeout);
    co_await http::async_read_header(client, buffer, parser, redirect(ec));
    if (ec == http::error::header_limit) {
      refused = true;
      co_await write_text(client, http::status::request_header_fields_too_large, 11,
                          "request header fields too large\n", false, ec);
      break;
    }
    if (ec == http::error::body_limit) {
      refused = true;
      co_await write_text(client, http::status::payload_too_large, 11, "request body too large\n",
                          false, ec);
      break;
    }
    if (ec) {
      if (parser.got_some() && ec != beast::error::timeout && ec != http::error::end_of_stream &&
          ec != asio::error::eof) {
        refused = true;
        co_await write_text(client, http::status::bad_request, 11, "bad request\n", false, ec);
      }
      break;
    }
    // Reset when the connection becomes a tunnel: stop() waits for requests, not tunnels.
    std::optional<ActiveRequest> active(std::in_place, worker.active_requests);
    auto& request = parser.get();
    const unsigned version = request.version();
    if (has_ambiguous_framing(request.base()) ||
        (version == 11 && request.find(http::field::host) == request.end())) {
      refused = true;
      co_await write_text(client, http::status::bad_request, version, "bad request\n", false, ec);
      break;
    }
    if (!parser.is_done() && beast::iequals(request[http::field::expect], "100-continue")) {
      http::response<http::empty_body> go_on{http::status::continue_, 11};
      co_await http::async_write(client, go_on, redirect(ec));
      if (ec) break;
    }
    if (!parser.is_done()) {
      client.expires_after(options.client_idle_timeout);
      co_await http::async_read(client, buffer, parser, redirect(ec));
      if (ec == http::error::body_limit) {
        refused = true;
        co_await write_text(client, http::status::payload_too_large, version,
                            "request body too large\n", false, ec);
        break;
      }
      if (ec) {
        if (ec != beast::error::timeout && ec != http::error::partial_message &&
            ec != asio::error::eof) {
          refused = true;
          co_await write_text(client, http::status::bad_request, version, "bad request\n", false,
                              ec);
        }
        break;
      }
    }
    request.erase(http::field::expect);

    bool keep_alive = request.keep_alive() && !shared.stopping.load(std::memory_order_relaxed);
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
    const BeastHeaderSource headers(request.base());
    RouteRequest route_request;
    const auto method = request.method_string();
    const auto host = request[http::field::host];
    const auto target = request.target();
    route_request.method = std::string_view(method.data(), method.size());
    route_request.host = std::string_view(host.data(), host.size());
    route_request.target = std::string_view(target.data(), target.size());
    route_request.headers = &headers;
    const snapshot::v1::Route* route = listener->router->match(route_request);
    const filters::RouteFilters* route_filters = route ? filters_of(*config, route) : nullptr;
    const filters::HeaderModifier* route_response_headers =
        route_filters ? &route_filters->response_headers : nullptr;

    if (route == nullptr) {
      co_await write_text(client, http::status::not_found, version, "no route\n", keep_alive, ec);
    } else if (route->has_direct_response()) {
      const auto& direct = route->direct_response();
      const unsigned status =
          direct.status() >= 200 && direct.status() <= 999 ? direct.status() : 500;
      co_await write_text(client, static_cast<http::status>(status), version, direct.body(),
                          keep_alive, ec, route_response_headers);
    } else if (route->has_redirect() && route_filters != nullptr && route_filters->redirect) {
      filters::RedirectRequest redirect_request;
      redirect_request.scheme = listener->scheme;
      const std::string fallback_host = host.empty() ? local_authority(client) : std::string();
      redirect_request.host = host.empty() ? std::string_view(fallback_host) : route_request.host;
      redirect_request.listener_port = listener->port;
      redirect_request.target = route_request.target;
      co_await write_redirect(client, route_filters->redirect->status(),
                              route_filters->redirect->location(redirect_request), version,
                              keep_alive, route_filters->response_headers, ec);
    } else if (!route->has_forward()) {
      co_await write_text(client, http::status::internal_server_error, version,
                          "route has no action\n", keep_alive, ec);
    } else {
      bool invalid_backend = false;
      int backend_index = 0;
      const CompiledCluster* cluster =
          pick_cluster(*config, route->forward(), worker.random, invalid_backend, backend_index);
      const filters::BackendFilters* backend_filters =
          route_filters && static_cast<std::size_t>(backend_index) < route_filters->backends.size()
              ? &route_filters->backends[static_cast<std::size_t>(backend_index)]
              : nullptr;
      if (invalid_backend) {
        co_await write_text(client, http::status::internal_server_error, version,
                            "no valid backend\n", keep_alive, ec);
      } else if (cluster == nullptr || cluster->endpoints.empty()) {
        co_await write_text(client, http::status::service_unavailable, version,
                            "no healthy upstream\n", keep_alive, ec);
      } else {
        const bool upgrade = is_upgrade_request(request.base());
        if (upgrade) {
          strip_hop_by_hop_keep_upgrade(request.base());
        } else {
          strip_hop_by_hop(request.base());
        }
        char request_id[32];
        format_request_id(worker.random.next(), worker.random.next(), request_id);
        add_forwarding_headers(request.base(), client_address, listener->scheme,
                               std::string_view(request_id, sizeof(request_id)));
        if (route_filters != nullptr) {
          route_filters->request_headers.apply(request.base());
          if (route_filters->url_rewrite) route_filters->url_rewrite->apply(request.base());
        }
        // Upstream always speaks HTTP/1.1 so the pooled connection stays open.
        request.version(11);
        request.keep_alive(true);
        request.prepare_payload();
        if (route_filters != nullptr && !upgrade) {
          send_mirrors(worker, options, *route_filters, request);
        }
        if (backend_filters != nullptr) backend_filters->request_headers.apply(request.base());

        ForwardContext context{
            worker,     options, client, request, request.method() == http::verb::head,
            keep_alive, upgrade};
        if (route_filters != nullptr) {
          context.route_response_headers = &route_filters->response_headers;
          context.backend_response_headers =
              backend_filters ? &backend_filters->response_headers : nullptr;
          if (route_filters->request_timeout.count() > 0) {
            context.request_deadline = Clock::now() + route_filters->request_timeout;
          }
          context.backend_request_timeout = route_filters->backend_request_timeout;
        }
        // A failed connect sent nothing, so the request goes to the next endpoint.
        const auto attempts = std::min<std::size_t>(std::max(1u, options.max_connect_attempts),
                                                    cluster->endpoints.size());
        ForwardResult result = ForwardResult::kConnectFailed;
        for (std::size_t attempt = 0; attempt < attempts; ++attempt) {
          const tcp::endpoint& endpoint =
              pick_endpoint(*cluster, worker, EndpointHealth::Clock::now());
          context.upstream_status = 0;
          result = co_await forward(context, endpoint);
          record_health(worker, endpoint, result, context.upstream_status);
          if (result != ForwardResult::kConnectFailed) break;
        }
        keep_alive = context.client_keep_alive;
        switch (result) {
          case ForwardResult::kDone:
            break;
          case ForwardResult::kUpgraded:
            // The client connection is the tunnel's now and ends with it.
            active.reset();
            co_await splice_tunnel(client, buffer, *context.tunnel_upstream, context.tunnel_pending,
                                   options.client_idle_timeout);
            keep_alive = false;
            break;
          case ForwardResult::kClientBroken:
            keep_alive = false;
            ec = asio::error::broken_pipe;
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
        }
      }
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
