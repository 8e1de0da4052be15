#include "listener_isolation.h"

namespace lintel::controller {

namespace {

bool is_wildcard(std::string_view hostname) {
  return hostname.starts_with("*.");
}

// Whether wildcard `outer` ("*.y") takes every name wildcard `inner` ("*.x.y" or "*.y") does.
bool covers(std::string_view outer, std::string_view inner) {
  return inner.substr(1).ends_with(outer.substr(1));
}

// Whether listener hostname `a` is more specific than `b` for the names both match.
bool more_specific(std::string_view a, std::string_view b) {
  if (b.empty()) return !a.empty();
  return is_wildcard(b) && (!is_wildcard(a) || a.size() > b.size());
}

}  // namespace

std::string_view ListenerIsolation::most_specific_listener(std::string_view exact_host) const {
  if (hostnames_.contains(std::string(exact_host))) return exact_host;
  std::string_view best;
  bool found = false;
  for (const std::string& hostname : hostnames_) {
    if (!is_wildcard(hostname)) continue;
    const std::string_view suffix = std::string_view(hostname).substr(1);
    if (exact_host.size() > suffix.size() && exact_host.ends_with(suffix) &&
        (!found || hostname.size() > best.size())) {
      best = hostname;
      found = true;
    }
  }
  return best;  // "" when only a listener without hostname (or none) matches
}

bool ListenerIsolation::serves(std::string_view domain, std::string_view listener_hostname) const {
  if (hostnames_.size() <= 1 || domain == "*") return true;
  if (!is_wildcard(domain)) return most_specific_listener(domain) == listener_hostname;
  for (const std::string& hostname : hostnames_) {
    if (is_wildcard(hostname) && hostname != listener_hostname &&
        more_specific(hostname, listener_hostname) && covers(hostname, domain)) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> ListenerIsolation::stop_hostnames() const {
  std::vector<std::string> out;
  if (hostnames_.size() <= 1) return out;
  for (const std::string& hostname : hostnames_) {
    if (!hostname.empty()) out.push_back(hostname);
  }
  return out;
}

snapshot::v1::Route isolation_stop(const std::string& hostname) {
  snapshot::v1::Route route;
  route.set_name("listener-isolation/" + hostname);
  route.mutable_path()->set_type(snapshot::v1::PathMatch::PREFIX);
  route.mutable_path()->set_value("/");
  route.mutable_direct_response()->set_status(404);
  route.mutable_direct_response()->set_body("no route\n");
  return route;
}

}  // namespace lintel::controller
