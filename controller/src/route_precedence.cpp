#include "route_precedence.h"

#include <tuple>

namespace lintel::controller {

namespace {

int kind_rank(const std::string& type) {
  if (type == "Exact") return 0;
  if (type == "RegularExpression") return 2;
  return 1;  // PathPrefix, the schema's default
}

// Trailing slashes do not change what a prefix matches ("/a/" is "/a"), so they must not
// change its rank either.
size_t effective_length(const gateway::v1::HTTPPathMatch& path) {
  const std::string& value = path.value();
  if (kind_rank(path.type()) != 1) return value.size();
  size_t length = value.size();
  while (length > 1 && value[length - 1] == '/') --length;
  return length;
}

}  // namespace

bool takes_precedence(const RouteMatchRef& a, const RouteMatchRef& b) {
  using Key = std::tuple<int, long, int, int, int, int, const std::string&, const std::string&,
                         const std::string&, size_t, size_t>;
  auto key = [](const RouteMatchRef& r) {
    const auto& m = *r.match;
    const auto& meta = r.route->metadata();
    // Negated where "more" or "longer" wins, so that the whole key sorts ascending.
    return Key(kind_rank(m.path().type()), -static_cast<long>(effective_length(m.path())),
               m.has_method() ? 0 : 1, -m.headers_size(), -m.query_params_size(),
               meta.creation_timestamp().empty() ? 1 : 0, meta.creation_timestamp(),
               meta.namespace_(), meta.name(), r.rule_index, r.match_index);
  };
  return key(a) < key(b);
}

}  // namespace lintel::controller
