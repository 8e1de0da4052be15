#include "hostname_intersection.h"

#include <algorithm>
#include <cctype>

namespace lintel::controller {

namespace {

bool is_wildcard(const std::string& name) {
  return name.rfind("*.", 0) == 0;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<std::string> intersect(const std::string& listener, const std::string& route) {
  if (listener == route) return listener;
  if (is_wildcard(listener) && wildcard_covers(listener, route)) return route;
  if (is_wildcard(route) && wildcard_covers(route, listener)) return listener;
  return std::nullopt;
}

}  // namespace

bool wildcard_covers(const std::string& wildcard, const std::string& name) {
  std::string suffix = wildcard.substr(1);  // ".example.com"
  std::string bare = is_wildcard(name) ? name.substr(2) : name;
  return bare.size() > suffix.size() &&
         bare.compare(bare.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> intersect_hostnames(const std::optional<std::string>& listener_hostname,
                                             const std::vector<std::string>& route_hostnames) {
  std::vector<std::string> out;
  if (!listener_hostname || listener_hostname->empty()) {
    for (const auto& h : route_hostnames) out.push_back(lower(h));
    if (out.empty()) out.push_back("*");
  } else if (route_hostnames.empty()) {
    out.push_back(lower(*listener_hostname));
  } else {
    for (const auto& h : route_hostnames) {
      if (auto both = intersect(lower(*listener_hostname), lower(h))) out.push_back(*both);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lintel::controller
