#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiled_config.h"
#include "fast_random.h"
#include "filters/route_filters.h"
#include "http1/request_parser.h"
#include "proxy_worker.h"
#include "upstream_head.h"

// What a request does, whatever protocol carried it: HTTP/1.1 and HTTP/2 connections both parse
// a request into an http1::RequestHead and ask here which answer or backend it gets.
namespace lintel::dataplane {

enum class RequestAction {
  kOwnAnswer,      // this hop answers: `status` and `body`, maybe with `answer_headers`
  kRedirect,       // this hop answers: `status` and `location`, with `answer_headers`
  kCorsPreflight,  // this hop answers a CORS preflight with `route_filters->cors`
  kForward,        // to `cluster`, with `route_filters` and `backend_filters`
};

struct RoutedRequest {
  RequestAction action = RequestAction::kOwnAnswer;
  unsigned status = 0;
  std::string_view body;  // static text, or the direct response's body in the snapshot
  std::string location;   // set for redirects only
  // For own answers: the route's response header filter (direct responses and redirects).
  const filters::HeaderModifier* answer_headers = nullptr;
  const filters::RouteFilters* route_filters = nullptr;
  const filters::BackendFilters* backend_filters = nullptr;
  const CompiledCluster* cluster = nullptr;
};

// Matches `head` on `listener` and decides the answer: 421 when the Host names another HTTPS
// listener than `server_name` did, 404 without a route, a CORS preflight's on a route with a
// CORS filter, the route's direct response or
// redirect, 500 for a route without an action or a backend that did not resolve, 503 for a
// cluster without endpoints, else forward. `fallback_host` is the authority a redirect names
// when the request has no Host.
RoutedRequest route_request(const CompiledConfig& config, const CompiledListener& listener,
                            const http1::RequestHead& head, std::string_view server_name,
                            std::string_view fallback_host, FastRandom& random);

// The answer to a CORS preflight (RequestAction::kCorsPreflight) for `head`.
http::response<http::empty_body> preflight_answer(const RoutedRequest& routed,
                                                  const http1::RequestHead& head, unsigned version,
                                                  bool keep_alive);

// True when the route copies requests to mirrors (then the body, if any, must be at hand).
bool mirrors_request(const filters::RouteFilters* route_filters);

// Writes the head to send upstream into `upstream_head`, with the route's and backend's request
// filters applied, and sends the mirror copies (with `mirror_body`) when the route has mirrors.
void prepare_upstream_head(ProxyWorker& worker, const ProxyOptions& options,
                           const http1::RequestHead& head, const ForwardingInfo& info,
                           const filters::RouteFilters* route_filters,
                           const filters::BackendFilters* backend_filters, bool mirrored,
                           std::string_view mirror_body, std::string& upstream_head);

// The index of the endpoint of `cluster` to send to (round robin or least request, skipping
// ejected endpoints unless all are).
std::size_t pick_endpoint(const CompiledCluster& cluster, ProxyWorker& worker,
                          LoadBalancing load_balancing, EndpointHealth::Clock::time_point now);

// How an exchange with an endpoint ended, for passive health.
enum class EndpointOutcome {
  kAnswered,       // the endpoint answered (a 5xx still counts against it)
  kClientFault,    // the client went away or sent a bad body: not the endpoint's doing
  kEndpointFault,  // no connection, a bad response, or a timeout
};
void record_health(ProxyWorker& worker, const tcp::endpoint& endpoint, EndpointOutcome outcome,
                   unsigned upstream_status);

// A request to one endpoint, counted in flight for least request while it lasts.
class InFlight {
 public:
  explicit InFlight(std::uint32_t& count) : count_(count) { ++count_; }
  ~InFlight() { --count_; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::uint32_t& count_;
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

}  // namespace lintel::dataplane
