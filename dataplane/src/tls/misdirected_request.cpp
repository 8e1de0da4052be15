#include "misdirected_request.h"

#include <cctype>

namespace lintel::dataplane::tls {

namespace {

// `name` without a port or a trailing dot; a view, since this runs for every HTTPS request.
std::string_view bare(std::string_view name) {
  // "host:port", but not an IPv6 literal's colons ("[::1]:443" has no listener hostname anyway).
  if (const auto colon = name.rfind(':');
      colon != std::string_view::npos && name.find(']') == std::string_view::npos)
    name = name.substr(0, colon);
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

// Whether `a` equals the lower-case `lower` but for case.
bool equal_lower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != lower[i]) return false;
  return true;
}

}  // namespace

int listener_for(const std::vector<std::string>& hostnames, std::string_view name) {
  const std::string_view host = bare(name);
  int best = -1, catch_all = -1;
  std::size_t best_length = 0;
  for (std::size_t i = 0; i < hostnames.size(); ++i) {
    const std::string& hostname = hostnames[i];
    if (hostname.empty()) {
      if (catch_all < 0) catch_all = static_cast<int>(i);
      continue;
    }
    if (equal_lower(host, hostname)) return static_cast<int>(i);
    if (hostname.rfind("*.", 0) != 0) continue;
    const std::string_view suffix = std::string_view(hostname).substr(1);  // ".example.com"
    if (host.size() > suffix.size() && suffix.size() > best_length &&
        equal_lower(host.substr(host.size() - suffix.size()), suffix)) {
      best = static_cast<int>(i);
      best_length = suffix.size();
    }
  }
  return best >= 0 ? best : catch_all;
}

bool misdirected(const std::vector<std::string>& hostnames, std::string_view server_name,
                 std::string_view host) {
  if (server_name.empty() || host.empty()) return false;
  return listener_for(hostnames, server_name) != listener_for(hostnames, host);
}

}  // namespace lintel::dataplane::tls
