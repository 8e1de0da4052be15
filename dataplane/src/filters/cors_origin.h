#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lintel::dataplane::filters {

// An Origin as a browser sends it: "<scheme>://<host>[:<port>]", the port defaulted from the
// scheme. Views into the header value.
struct Origin {
  std::string_view scheme;
  std::string_view host;  // an IPv6 literal keeps its brackets
  std::uint32_t port = 0;
};

// nullopt for "null", a path, userinfo, a bad port, or anything else that is not an origin.
std::optional<Origin> parse_origin(std::string_view value);

// One entry of Gateway API's CORS allowOrigins, parsed once per route: "*", or
// "<scheme>://<host>[:<port>]" whose host may be "*" (any host) or "*.<suffix>", where "*" takes
// any number of labels on the left. Scheme and host compare case-insensitively; a missing port
// means the scheme's (80 for http, 443 for https).
class OriginPattern {
 public:
  static std::optional<OriginPattern> parse(std::string_view pattern);

  bool matches(const Origin& origin) const;
  bool any_origin() const { return any_origin_; }

 private:
  bool any_origin_ = false;
  bool any_host_ = false;
  std::string scheme_;  // lower case
  std::string host_;    // lower case; with a wildcard, the suffix from its first "."
  bool host_wildcard_ = false;
  std::uint32_t port_ = 0;
};

}  // namespace lintel::dataplane::filters
