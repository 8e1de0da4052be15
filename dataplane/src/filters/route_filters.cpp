#include "filters/route_filters.h"

#include <algorithm>

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

bool backend_has_filters(const sv1::WeightedCluster& weighted) {
  return weighted.has_request_headers() || weighted.has_response_headers();
}

// Longer than a year is as good as none, and keeps deadline arithmetic from overflowing.
std::chrono::milliseconds as_timeout(std::uint64_t milliseconds) {
  constexpr std::uint64_t kYear = 365ull * 24 * 3600 * 1000;
  return std::chrono::milliseconds(milliseconds > kYear ? 0 : milliseconds);
}

}  // namespace

bool has_filters(const sv1::Route& route) {
  const auto& clusters = route.forward().clusters();
  return route.has_request_headers() || route.has_response_headers() || route.has_url_rewrite() ||
         route.mirrors_size() > 0 || route.has_redirect() || route.has_timeouts() ||
         route.has_cors() || route.has_retry() ||
         std::any_of(clusters.begin(), clusters.end(), backend_has_filters);
}

bool compile_route_filters(const sv1::Route& route, const ClusterLookup& clusters,
                           RouteFilters& out, std::string& error) {
  out.request_headers = HeaderModifier::compile(route.request_headers());
  out.response_headers = HeaderModifier::compile(route.response_headers());
  if (route.has_url_rewrite()) {
    UrlRewrite rewrite;
    if (!UrlRewrite::compile(route.url_rewrite(), route.path(), rewrite, error)) return false;
    out.url_rewrite = std::move(rewrite);
  }
  if (route.has_redirect()) {
    Redirect redirect;
    if (!Redirect::compile(route.redirect(), route.path(), redirect, error)) return false;
    out.redirect = std::move(redirect);
  }
  for (const auto& mirror : route.mirrors()) {
    const CompiledCluster* cluster = clusters(mirror.cluster());
    if (cluster == nullptr) {
      error = "mirrors to unknown cluster \"" + mirror.cluster() + "\"";
      return false;
    }
    out.mirrors.push_back(MirrorPolicy{cluster, mirror.numerator(), mirror.denominator()});
  }
  const auto& weighted = route.forward().clusters();
  if (std::any_of(weighted.begin(), weighted.end(), backend_has_filters)) {
    for (const auto& backend : weighted) {
      out.backends.push_back(BackendFilters{HeaderModifier::compile(backend.request_headers()),
                                            HeaderModifier::compile(backend.response_headers())});
    }
  }
  if (route.has_cors()) {
    Cors cors;
    if (!Cors::compile(route.cors(), cors, error)) return false;
    out.cors = std::move(cors);
  }
  if (route.has_retry()) out.retry = RetryPolicy::compile(route.retry());
  out.request_timeout = as_timeout(route.timeouts().request_ms());
  out.backend_request_timeout = as_timeout(route.timeouts().backend_request_ms());
  return true;
}

}  // namespace lintel::dataplane::filters
