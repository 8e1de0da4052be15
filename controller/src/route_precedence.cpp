#include "route_precedence.h"

#include <tuple>

namespace lintel::controller {

namespace {

int kind_rank(api::PathMatchType type) {
  switch (type) {
    case api::PathMatchType::kExact:
      return 0;
    case api::PathMatchType::kPathPrefix:
      return 1;
    case api::PathMatchType::kRegularExpression:
      return 2;
  }
  return 3;
}

// Trailing slashes do not change what a prefix matches ("/a/" is "/a"), so they must not
// change its rank either.
size_t effective_length(const api::HTTPPathMatch& path) {
  if (path.type != api::PathMatchType::kPathPrefix) return path.value.size();
  size_t length = path.value.size();
  while (length > 1 && path.value[length - 1] == '/') --length;
  return length;
}

}  // namespace

bool takes_precedence(const RouteMatchRef& a, const RouteMatchRef& b) {
  const auto& ma = *a.match;
  const auto& mb = *b.match;
  auto key = [](const RouteMatchRef& r, const api::HTTPRouteMatch& m) {
    // Negated where "more" or "longer" wins, so that the whole key sorts ascending.
    return std::make_tuple(
        kind_rank(m.path.type), -static_cast<long>(effective_length(m.path)), m.method ? 0 : 1,
        -static_cast<long>(m.headers.size()), -static_cast<long>(m.query_params.size()),
        r.route->metadata.creation_timestamp.empty() ? 1 : 0, r.route->metadata.creation_timestamp,
        r.route->metadata.namespace_, r.route->metadata.name, r.rule_index, r.match_index);
  };
  return key(a, ma) < key(b, mb);
}

}  // namespace lintel::controller
