#include "listener_conflicts.h"

#include <set>

#include "../hostname_intersection.h"
#include "protocols.h"

namespace lintel::controller::graph {

namespace {

// Whether listener `i` has to give way to listener `j` when the two clash.
bool yields_to(const std::vector<RankedListener>& listeners, std::size_t i, std::size_t j) {
  return j != i && listeners[j].rank <= listeners[i].rank &&
         listeners[j].listener->port() == listeners[i].listener->port();
}

// How a message names the listener that wins a clash: as `same_object` when both listeners belong
// to one object, else by its name and its object.
std::string winner(const RankedListener& listener, const RankedListener& other,
                   const std::string& same_object) {
  if (other.rank == listener.rank) return same_object;
  return "Listener " + other.listener->name() + " of " + other.owner + ", which takes precedence,";
}

}  // namespace

std::vector<std::optional<Problem>> listener_conflicts(
    const std::vector<RankedListener>& listeners) {
  std::vector<std::optional<Problem>> out(listeners.size());
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    const auto& listener = *listeners[i].listener;
    const bool served = served_protocol(listener.protocol());
    const RankedListener* other_protocol = nullptr;
    const RankedListener* same_hostname = nullptr;
    for (std::size_t j = 0; j < listeners.size(); ++j) {
      const auto& other = *listeners[j].listener;
      if (!yields_to(listeners, i, j) || !served_protocol(other.protocol())) continue;
      if (!served && listeners[j].rank == listeners[i].rank) continue;
      if (other.protocol() != listener.protocol()) {
        if (!other_protocol || other.protocol() < other_protocol->listener->protocol())
          other_protocol = &listeners[j];
      } else if (other.hostname() == listener.hostname() && !same_hostname) {
        same_hostname = &listeners[j];
      }
    }
    std::string port = std::to_string(listener.port());
    if (other_protocol) {
      out[i] = Problem{"ProtocolConflict",
                       winner(listeners[i], *other_protocol, "Another listener") + " on port " +
                           port + " uses protocol " + other_protocol->listener->protocol() +
                           ", not " + listener.protocol()};
    } else if (same_hostname) {
      std::string host = listener.hostname().empty() ? "no hostname" : listener.hostname();
      out[i] = Problem{
          "HostnameConflict",
          winner(listeners[i], *same_hostname, "Another " + listener.protocol() + " listener") +
              " on port " + port + " has the same hostname (" + host + ")"};
    }
  }
  return out;
}

std::vector<std::optional<Problem>> overlapping_tls(const std::vector<RankedListener>& listeners) {
  std::vector<std::optional<Problem>> out(listeners.size());
  auto https_with_hostname = [](const gateway::v1::Listener& l) {
    return l.protocol() == "HTTPS" && l.has_hostname();
  };
  for (std::size_t i = 0; i < listeners.size(); ++i) {
    const auto& listener = *listeners[i].listener;
    if (!https_with_hostname(listener)) continue;
    for (std::size_t j = 0; j < listeners.size() && !out[i]; ++j) {
      const auto& other = *listeners[j].listener;
      if (!yields_to(listeners, i, j) || !https_with_hostname(other)) continue;
      const std::string& a = listener.hostname();
      const std::string& b = other.hostname();
      bool overlap = a == b || (a.starts_with("*.") && wildcard_covers(a, b)) ||
                     (b.starts_with("*.") && wildcard_covers(b, a));
      if (!overlap) continue;
      std::string of = listeners[j].rank == listeners[i].rank ? "" : " of " + listeners[j].owner;
      out[i] = Problem{"OverlappingHostnames", "Hostname " + a + " overlaps " + b +
                                                   " of listener " + other.name() + of +
                                                   " on port " + std::to_string(listener.port())};
    }
  }
  return out;
}

}  // namespace lintel::controller::graph
