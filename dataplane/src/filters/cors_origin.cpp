#include "filters/cors_origin.h"

#include <algorithm>
#include <cctype>

namespace lintel::dataplane::filters {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::uint32_t default_port(std::string_view scheme) {
  if (iequal(scheme, "http")) return 80;
  if (iequal(scheme, "https")) return 443;
  return 0;
}

bool scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
}

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' ||
         c == '*';
}

// "<scheme>://<host>[:<port>]" split in place; `wildcards` lets "*" stand in the host.
std::optional<Origin> split_origin(std::string_view value, bool wildcards) {
  const auto separator = value.find("://");
  if (separator == std::string_view::npos || separator == 0) return std::nullopt;
  Origin out;
  out.scheme = value.substr(0, separator);
  if (!std::all_of(out.scheme.begin(), out.scheme.end(), scheme_char)) return std::nullopt;
  std::string_view rest = value.substr(separator + 3);
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = rest.substr(0, close + 1);
    rest.remove_prefix(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
      if (port.empty()) return std::nullopt;
    }
  } else {
    const auto colon = rest.find(':');
    out.host = rest.substr(0, colon);
    if (colon != std::string_view::npos) {
      port = rest.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
    if (out.host.empty()) return std::nullopt;
    for (const char c : out.host) {
      if (!host_char(c) || (c == '*' && !wildcards)) return std::nullopt;
    }
  }
  if (port.empty()) {
    out.port = default_port(out.scheme);
  } else {
    if (port.size() > 5) return std::nullopt;
    std::uint32_t number = 0;
    for (const char c : port) {
      if (c < '0' || c > '9') return std::nullopt;
      number = number * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (number == 0 || number > 65535) return std::nullopt;
    out.port = number;
  }
  return out;
}

}  // namespace

std::optional<Origin> parse_origin(std::string_view value) {
  return split_origin(value, false);
}

std::optional<OriginPattern> OriginPattern::parse(std::string_view pattern) {
  OriginPattern out;
  if (pattern == "*") {
    out.any_origin_ = true;
    return out;
  }
  const auto origin = split_origin(pattern, true);
  if (!origin) return std::nullopt;
  out.scheme_ = lowered(origin->scheme);
  out.port_ = origin->port;
  if (origin->host == "*") {
    out.any_host_ = true;
    return out;
  }
  const auto star = origin->host.find('*');
  if (star == std::string_view::npos) {
    out.host_ = lowered(origin->host);
    return out;
  }
  // Only a leading "*." is a wildcard; "*" anywhere else matches nothing a browser sends.
  if (star != 0 || origin->host.size() < 3 || origin->host[1] != '.' ||
      origin->host.find('*', 1) != std::string_view::npos) {
    return std::nullopt;
  }
  out.host_wildcard_ = true;
  out.host_ = lowered(origin->host.substr(1));
  return out;
}

bool OriginPattern::matches(const Origin& origin) const {
  if (any_origin_) return true;
  if (!iequal(origin.scheme, scheme_) || origin.port != port_) return false;
  if (any_host_) return true;
  if (!host_wildcard_) return iequal(origin.host, host_);
  // "*.bar.com": one or more labels before ".bar.com".
  return origin.host.size() > host_.size() &&
         iequal(origin.host.substr(origin.host.size() - host_.size()), host_) &&
         origin.host.front() != '.';
}

}  // namespace lintel::dataplane::filters
