#include "rule_translation.h"

#include <optional>
#include <string>
#include <vector>

#include "filter_translation.h"
#include "lintel/conversion/internal_annotations.h"
#include "translate_cors.h"
#include "translate_retry.h"

namespace lintel::controller {

namespace gv1 = gateway::v1;
namespace sv1 = snapshot::v1;

namespace {

using Filters = google::protobuf::RepeatedPtrField<gv1::HTTPRouteFilter>;

// Filters whose absence would let requests through that the route's owner means to stop.
bool cannot_be_skipped(const Filters& filters) {
  for (const auto& filter : filters)
    if (filter.type() == "ExternalAuth") return true;
  return false;
}

void answer(sv1::Route& route, std::uint32_t status, const char* body) {
  route.mutable_direct_response()->set_status(status);
  route.mutable_direct_response()->set_body(body);
}

// The request-side filters of a route that does not forward apply to nothing (a redirect gets
// its CORS filter back: the proxy answers preflights before redirecting).
void drop_request_filters(sv1::Route& route) {
  route.clear_request_headers();
  route.clear_url_rewrite();
  route.clear_mirrors();
  route.clear_timeouts();
  route.clear_retry();
  route.clear_cors();
}

class RuleTranslator {
 public:
  RuleTranslator(const graph::RouteNode& node, std::size_t index, ClusterTable& clusters)
      : metadata_(node.route->metadata()),
        rule_(node.route->spec().rules(static_cast<int>(index))),
        resolved_(node.rules[index]),
        clusters_(clusters) {}

  sv1::Route translate() {
    add_filters();
    if (!resolved_.filters_usable || cannot_be_skipped(rule_.filters())) {
      drop_request_filters(route_);
      answer(route_, 500, "a filter of this route cannot be applied\n");
    } else if (redirect_) {
      drop_request_filters(route_);
      *route_.mutable_redirect() = redirect(*redirect_);
      if (cors_) *route_.mutable_cors() = cors_policy(*cors_);
    } else if (!forward()) {
      drop_request_filters(route_);
      // Gateway API: requests for a rule whose backends are all invalid get a 500.
      answer(route_, 500, "no valid backend for this route\n");
    } else {
      add_mirrors();
      add_regex_rewrite();
      auto timeouts = route_timeouts(rule_.timeouts());
      if (timeouts) *route_.mutable_timeouts() = *timeouts;
      if (cors_) *route_.mutable_cors() = cors_policy(*cors_);
      if (rule_.has_retry()) *route_.mutable_retry() = retry_policy(rule_.retry());
    }
    return std::move(route_);
  }

 private:
  void add_filters() {
    for (int i = 0; i < rule_.filters_size(); ++i) {
      const gv1::HTTPRouteFilter& filter = rule_.filters(i);
      const std::string& type = filter.type();
      if (type == "RequestHeaderModifier") {
        *route_.mutable_request_headers() = header_modifier(filter.request_header_modifier());
      } else if (type == "ResponseHeaderModifier") {
        *route_.mutable_response_headers() = header_modifier(filter.response_header_modifier());
      } else if (type == "URLRewrite") {
        *route_.mutable_url_rewrite() = url_rewrite(filter.url_rewrite());
      } else if (type == "RequestRedirect") {
        redirect_ = &filter.request_redirect();
      } else if (type == "RequestMirror") {
        mirrors_.push_back(i);
      } else if (type == "CORS") {
        cors_ = &filter.cors();
      }
    }
  }

  // ingress-nginx's rewrite-target with capture references, carried by the conversion in an
  // annotation: only on rules whose every match is a regular expression, which it rewrites from.
  void add_regex_rewrite() {
    auto found = metadata_.annotations().find(conversion::kRegexRewriteAnnotation);
    if (found == metadata_.annotations().end() || rule_.matches_size() == 0) return;
    for (const auto& match : rule_.matches())
      if (match.path().type() != "RegularExpression") return;
    sv1::PathModifier* path = route_.mutable_url_rewrite()->mutable_path();
    path->set_type(sv1::PathModifier::REPLACE_REGEX_MATCH);
    path->set_value(found->second);
  }

  // Gateway API: a mirror whose backend does not resolve is not configured.
  void add_mirrors() {
    for (int i : mirrors_) {
      const gv1::HTTPRequestMirrorFilter& filter = rule_.filters(i).request_mirror();
      const auto& ref = resolved_.filters[static_cast<std::size_t>(i)];
      auto cluster = ref ? clusters_.cluster_for(*ref, filter.backend_ref().port()) : std::nullopt;
      if (!cluster) continue;
      sv1::RequestMirror* mirror = route_.add_mirrors();
      *mirror = mirror_share(filter);
      mirror->set_cluster(*cluster);
    }
  }

  // Whether any backendRef can take requests.
  bool forward() {
    sv1::ForwardAction forward;
    bool any_usable = false;
    for (int i = 0; i < rule_.backend_refs_size(); ++i) {
      const gv1::HTTPBackendRef& backend = rule_.backend_refs(i);
      if (backend.weight() <= 0) continue;
      const graph::ResolvedBackend& resolved = resolved_.backend_refs[static_cast<std::size_t>(i)];
      std::optional<std::string> cluster;
      if (resolved.usable && !cannot_be_skipped(backend.filters()))
        cluster = clusters_.cluster_for(resolved.ref, backend.port());
      sv1::WeightedCluster* weighted = forward.add_clusters();
      // An unusable backendRef keeps its share of the traffic, answered 500 by the proxy.
      weighted->set_cluster(cluster.value_or(""));
      weighted->set_weight(static_cast<std::uint32_t>(backend.weight()));
      if (cluster) add_backend_filters(backend.filters(), *weighted);
      any_usable = any_usable || cluster.has_value();
    }
    if (any_usable) *route_.mutable_forward() = std::move(forward);
    return any_usable;
  }

  static void add_backend_filters(const Filters& filters, sv1::WeightedCluster& weighted) {
    for (const auto& filter : filters) {
      if (filter.type() == "RequestHeaderModifier")
        *weighted.mutable_request_headers() = header_modifier(filter.request_header_modifier());
      else if (filter.type() == "ResponseHeaderModifier")
        *weighted.mutable_response_headers() = header_modifier(filter.response_header_modifier());
    }
  }

  const meta::v1::ObjectMeta& metadata_;
  const gv1::HTTPRouteRule& rule_;
  const graph::ResolvedRule& resolved_;
  ClusterTable& clusters_;
  sv1::Route route_;
  const gv1::HTTPRequestRedirectFilter* redirect_ = nullptr;
  const gv1::HTTPCORSFilter* cors_ = nullptr;
  std::vector<int> mirrors_;  // indices of the rule's RequestMirror filters
};

bool replaces_prefix(const sv1::PathModifier& path) {
  return path.type() == sv1::PathModifier::REPLACE_PREFIX_MATCH;
}

}  // namespace

sv1::Route translate_rule(const graph::RouteNode& node, std::size_t rule, ClusterTable& clusters) {
  return RuleTranslator(node, rule, clusters).translate();
}

void refuse_prefix_replacement_without_prefix(sv1::Route& route) {
  if (route.path().type() != sv1::PathMatch::REGULAR_EXPRESSION) return;
  bool rewrite = route.has_url_rewrite() && route.url_rewrite().has_path() &&
                 replaces_prefix(route.url_rewrite().path());
  bool redirect = route.has_redirect() && route.redirect().has_path() &&
                  replaces_prefix(route.redirect().path());
  if (!rewrite && !redirect) return;
  drop_request_filters(route);
  answer(route, 500, "ReplacePrefixMatch needs a PathPrefix or Exact match\n");
}

}  // namespace lintel::controller
