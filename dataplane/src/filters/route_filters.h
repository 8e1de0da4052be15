#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filters/cors.h"
#include "filters/header_modifier.h"
#include "filters/mirror_policy.h"
#include "filters/redirect.h"
#include "filters/url_rewrite.h"
#include "lintel/snapshot/v1/snapshot.pb.h"
#include "retry_policy.h"

namespace lintel::dataplane::filters {

// A backendRef's own filters.
struct BackendFilters {
  HeaderModifier request_headers;
  HeaderModifier response_headers;
};

// Everything a route does besides choosing a backend, compiled once per snapshot. The proxy
// applies the stages in the order snapshot.proto's Route documents.
struct RouteFilters {
  HeaderModifier request_headers;
  HeaderModifier response_headers;
  std::optional<UrlRewrite> url_rewrite;
  std::vector<MirrorPolicy> mirrors;
  std::optional<Redirect> redirect;
  // By the index of ForwardAction.clusters; empty when no backendRef has filters.
  std::vector<BackendFilters> backends;
  std::chrono::milliseconds request_timeout{0};          // 0: none
  std::chrono::milliseconds backend_request_timeout{0};  // 0: none
  std::optional<Cors> cors;
  std::optional<RetryPolicy> retry;
};

using ClusterLookup = std::function<const CompiledCluster*(std::string_view name)>;

// False when the route asks for nothing beyond matching and choosing a backend, so that such
// routes cost the proxy nothing.
bool has_filters(const snapshot::v1::Route& route);

// Fails on a mirror to an unknown cluster or a path or host modifier that cannot apply.
bool compile_route_filters(const snapshot::v1::Route& route, const ClusterLookup& clusters,
                           RouteFilters& out, std::string& error);

}  // namespace lintel::dataplane::filters
