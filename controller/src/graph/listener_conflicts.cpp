#include "listener_conflicts.h"

#include <set>

#include "../hostname_intersection.h"
#include "protocols.h"

namespace lintel::controller::graph {

std::vector<std::optional<Problem>> listener_conflicts(const gateway::v1::Gateway& gateway) {
  const auto& listeners = gateway.spec().listeners();
  std::vector<std::optional<Problem>> out(listeners.size());
  for (int i = 0; i < listeners.size(); ++i) {
    const auto& listener = listeners[i];
    if (!served_protocol(listener.protocol())) continue;
    std::set<std::string> other_protocols;
    bool same_hostname = false;
    for (int j = 0; j < listeners.size(); ++j) {
      const auto& other = listeners[j];
      if (j == i || other.port() != listener.port() || !served_protocol(other.protocol())) continue;
      if (other.protocol() != listener.protocol())
        other_protocols.insert(other.protocol());
      else if (other.hostname() == listener.hostname())
        same_hostname = true;
    }
    std::string port = std::to_string(listener.port());
    if (!other_protocols.empty()) {
      out[i] = Problem{"ProtocolConflict", "Another listener on port " + port + " uses protocol " +
                                               *other_protocols.begin() + ", not " +
                                               listener.protocol()};
    } else if (same_hostname) {
      std::string host = listener.hostname().empty() ? "no hostname" : listener.hostname();
      out[i] = Problem{"HostnameConflict", "Another " + listener.protocol() + " listener on port " +
                                               port + " has the same hostname (" + host + ")"};
    }
  }
  return out;
}

std::vector<std::optional<Problem>> overlapping_tls(const gateway::v1::Gateway& gateway) {
  const auto& listeners = gateway.spec().listeners();
  std::vector<std::optional<Problem>> out(listeners.size());
  auto https_with_hostname = [](const gateway::v1::Listener& l) {
    return l.protocol() == "HTTPS" && l.has_hostname();
  };
  for (int i = 0; i < listeners.size(); ++i) {
    const auto& listener = listeners[i];
    if (!https_with_hostname(listener)) continue;
    for (int j = 0; j < listeners.size() && !out[i]; ++j) {
      const auto& other = listeners[j];
      if (j == i || !https_with_hostname(other) || other.port() != listener.port()) continue;
      const std::string& a = listener.hostname();
      const std::string& b = other.hostname();
      bool overlap = a == b || (a.starts_with("*.") && wildcard_covers(a, b)) ||
                     (b.starts_with("*.") && wildcard_covers(b, a));
      if (overlap)
        out[i] = Problem{"OverlappingHostnames", "Hostname " + a + " overlaps " + b +
                                                     " of listener " + other.name() + " on port " +
                                                     std::to_string(listener.port())};
    }
  }
  return out;
}

}  // namespace lintel::controller::graph
