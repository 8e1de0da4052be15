#pragma once

#include <string>

namespace lintel::conversion::detail {

// "a.example.com" -> "a-example-com", "*.example.com" -> "wildcard-example-com"; names made
// from hosts stay DNS labels so that `lintel migrate` output applies to a cluster unchanged.
inline std::string host_slug(const std::string& host) {
  std::string out;
  for (char c : host) {
    if (c == '*') {
      out += "wildcard";
    } else if (c == '.') {
      out += '-';
    } else {
      out += c;
    }
  }
  return out;
}

// Whether an Ingress host pattern covers `host`: equal, or `*.rest` and host is one label
// before rest (a wildcard also covers itself).
inline bool host_covers(const std::string& pattern, const std::string& host) {
  if (pattern == host) return true;
  if (pattern.rfind("*.", 0) != 0) return false;
  size_t dot = host.find('.');
  return dot != std::string::npos && dot > 0 && host.substr(dot) == pattern.substr(1);
}

}  // namespace lintel::conversion::detail
