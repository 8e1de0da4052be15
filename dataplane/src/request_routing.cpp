#include "request_routing.h"

#include <memory>

#include "endpoint_picker.h"
#include "filters/cors_preflight.h"
#include "mirror_sender.h"
#include "request_head_source.h"
#include "tls/misdirected_request.h"

namespace lintel::dataplane {
namespace {

using Request = http::request<http::string_body>;

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
                  const filters::RouteFilters& route_filters, const http::request_header<>& header,
                  std::string_view body) {
  std::shared_ptr<Request> copy;
  for (const auto& mirror : route_filters.mirrors) {
    if (mirror.cluster->endpoints.empty() || !mirror.sampled(worker.random.next())) continue;
    if (!copy) {
      copy = std::make_shared<Request>(header);
      copy->body().assign(body.data(), body.size());
      copy->prepare_payload();
    }
    const auto& cluster = *mirror.cluster;
    send_mirror(worker, options,
                cluster.endpoints[pick_endpoint(cluster, worker, options.load_balancing,
                                                EndpointHealth::Clock::now())],
                copy);
  }
}

RoutedRequest own_answer(unsigned status, std::string_view body,
                         const filters::HeaderModifier* headers = nullptr) {
  RoutedRequest routed;
  routed.status = status;
  routed.body = body;
  routed.answer_headers = headers;
  return routed;
}

}  // namespace

RoutedRequest route_request(const CompiledConfig& config, const CompiledListener& listener,
                            const http1::RequestHead& head, std::string_view server_name,
                            std::string_view fallback_host, FastRandom& random) {
  if (listener.tls && tls::misdirected(listener.listener_hostnames, server_name, head.host())) {
    return own_answer(421,
                      "misdirected request: the Host names another listener than the TLS "
                      "server name\n");
  }
  const RequestHeadSource headers(head);
  RouteRequest route_request;
  route_request.method = head.method();
  route_request.host = head.host();
  route_request.target = head.target();
  route_request.headers = &headers;
  const snapshot::v1::Route* route = listener.router->match(route_request);
  if (route == nullptr) return own_answer(404, "no route\n");
  const filters::RouteFilters* route_filters = filters_of(config, route);
  const filters::HeaderModifier* response_headers =
      route_filters ? &route_filters->response_headers : nullptr;
  if (route_filters != nullptr && route_filters->cors &&
      filters::Cors::is_preflight(head.method(), head.find("origin").has_value(),
                                  head.find("access-control-request-method").has_value())) {
    RoutedRequest routed = own_answer(204, {}, response_headers);
    routed.action = RequestAction::kCorsPreflight;
    routed.route_filters = route_filters;
    return routed;
  }
  if (route->has_direct_response()) {
    const auto& direct = route->direct_response();
    const unsigned status =
        direct.status() >= 200 && direct.status() <= 999 ? direct.status() : 500;
    return own_answer(status, direct.body(), response_headers);
  }
  if (route->has_redirect() && route_filters != nullptr && route_filters->redirect) {
    filters::RedirectRequest redirect_request;
    redirect_request.scheme = listener.scheme;
    redirect_request.host = head.host().empty() ? fallback_host : head.host();
    redirect_request.listener_port = listener.port;
    redirect_request.target = head.target();
    RoutedRequest routed = own_answer(route_filters->redirect->status(), {}, response_headers);
    routed.action = RequestAction::kRedirect;
    routed.location = route_filters->redirect->location(redirect_request);
    return routed;
  }
  if (!route->has_forward()) return own_answer(500, "route has no action\n");
  bool invalid_backend = false;
  int backend_index = 0;
  const CompiledCluster* cluster =
      pick_cluster(config, route->forward(), random, invalid_backend, backend_index);
  if (invalid_backend) return own_answer(500, "no valid backend\n");
  if (cluster == nullptr || cluster->endpoints.empty()) {
    return own_answer(503, "no healthy upstream\n");
  }
  RoutedRequest routed;
  routed.action = RequestAction::kForward;
  routed.cluster = cluster;
  routed.route_filters = route_filters;
  routed.backend_filters =
      route_filters && static_cast<std::size_t>(backend_index) < route_filters->backends.size()
          ? &route_filters->backends[static_cast<std::size_t>(backend_index)]
          : nullptr;
  return routed;
}

http::response<http::empty_body> preflight_answer(const RoutedRequest& routed,
                                                  const http1::RequestHead& head, unsigned version,
                                                  bool keep_alive) {
  const filters::PreflightRequest preflight{
      head.find("origin").value_or(""), head.find("access-control-request-method").value_or(""),
      head.find("access-control-request-headers").value_or("")};
  return filters::cors_preflight_answer(*routed.route_filters->cors, preflight, version, keep_alive,
                                        routed.route_filters->response_headers);
}

bool mirrors_request(const filters::RouteFilters* route_filters) {
  return route_filters != nullptr && !route_filters->mirrors.empty();
}

void prepare_upstream_head(ProxyWorker& worker, const ProxyOptions& options,
                           const http1::RequestHead& head, const ForwardingInfo& info,
                           const filters::RouteFilters* route_filters,
                           const filters::BackendFilters* backend_filters, bool mirrored,
                           std::string_view mirror_body, std::string& upstream_head) {
  const bool beast_filters =
      route_filters != nullptr &&
      (mirrored || !route_filters->request_headers.empty() || route_filters->url_rewrite ||
       (backend_filters != nullptr && !backend_filters->request_headers.empty()));
  if (!beast_filters) {
    write_upstream_head(head, info, upstream_head);
    return;
  }
  auto header = to_beast_header(head, info);
  route_filters->request_headers.apply(header);
  if (route_filters->url_rewrite) route_filters->url_rewrite->apply(header);
  if (mirrored) send_mirrors(worker, options, *route_filters, header, mirror_body);
  if (backend_filters != nullptr) backend_filters->request_headers.apply(header);
  write_upstream_head(header, head, upstream_head);
}

std::size_t pick_endpoint(const CompiledCluster& cluster, ProxyWorker& worker,
                          LoadBalancing load_balancing, EndpointHealth::Clock::time_point now) {
  // Round robin goes over the endpoints that are not ejected, and when every endpoint is
  // ejected, over all of them ("panic mode", as Envoy calls it): sending to a possibly broken
  // endpoint beats refusing every request while the ejections last. Least request does the
  // same with the fewest requests in flight.
  auto& mine = cluster.per_worker[worker.index];
  const auto ejected = [&](std::size_t i) {
    return worker.health.ejected(cluster.endpoints[i], now);
  };
  if (load_balancing == LoadBalancing::kLeastRequest) {
    return pick_least_request(mine.in_flight, ejected, worker.random.next(), worker.random.next());
  }
  const std::size_t count = cluster.endpoints.size();
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t index = mine.next++ % count;
    if (!ejected(index)) return index;
  }
  return mine.next++ % count;
}

void record_health(ProxyWorker& worker, const tcp::endpoint& endpoint, EndpointOutcome outcome,
                   unsigned upstream_status) {
  const auto failed = [&] {
    if (worker.health.record_failure(endpoint, EndpointHealth::Clock::now()))
      worker.metrics.endpoint_ejections.add();
  };
  switch (outcome) {
    case EndpointOutcome::kAnswered:
      if (upstream_status >= 500) {
        failed();
      } else {
        worker.health.record_success(endpoint);
      }
      return;
    case EndpointOutcome::kClientFault:
      return;
    case EndpointOutcome::kEndpointFault:
      failed();
      return;
  }
}

}  // namespace lintel::dataplane
