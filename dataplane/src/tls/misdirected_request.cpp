#include "misdirected_request.h"

#include <cctype>

namespace lintel::dataplane::tls {

namespace {

std::string normalized(std::string_view name) {
  // "host:port", but not an IPv6 literal's colons ("[::1]:443" has no listener hostname anyway).
  if (const auto colon = name.rfind(':');
      colon != std::string_view::npos && name.find(']') == std::string_view::npos)
    name = name.substr(0, colon);
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

int listener_for(const std::vector<std::string>& hostnames, std::string_view name) {
  const std::string host = normalized(name);
  int best = -1, catch_all = -1;
  std::size_t best_length = 0;
  for (std::size_t i = 0; i < hostnames.size(); ++i) {
    const std::string& hostname = hostnames[i];
    if (hostname.empty()) {
      if (catch_all < 0) catch_all = static_cast<int>(i);
      continue;
    }
    if (hostname == host) return static_cast<int>(i);
    if (hostname.rfind("*.", 0) != 0) continue;
    const std::string_view suffix = std::string_view(hostname).substr(1);  // ".example.com"
    if (host.size() > suffix.size() &&
        host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        suffix.size() > best_length) {
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
