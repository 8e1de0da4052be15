#include "served_listeners.h"

#include <algorithm>

#include "graph/conditions.h"

namespace lintel::controller {

namespace {

void set_programmed(graph::Conditions& conditions, bool status, const char* reason,
                    const std::string& message, std::int64_t generation) {
  for (auto& condition : conditions)
    if (condition.type() == "Programmed")
      condition = graph::make_condition("Programmed", status, reason, message, generation);
}

}  // namespace

void withhold_unserved_listeners(graph::Graph& graph) {
  for (graph::GatewayNode& gateway : graph.gateways) {
    std::int64_t generation = gateway.gateway->metadata().generation();
    for (std::size_t i = 0; i < gateway.listeners.size(); ++i) {
      graph::ListenerNode& listener = gateway.listeners[i];
      const std::string& protocol = listener.spec->protocol();
      if (!listener.programmed || protocol == "HTTP" || protocol == "HTTPS") continue;
      listener.programmed = false;
      set_programmed(
          *gateway.status.mutable_listeners(static_cast<int>(i))->mutable_conditions(), false,
          "Pending",
          "Protocol " + listener.spec->protocol() +
              " is not served yet: Lintel's data plane serves HTTP and HTTPS listeners only",
          generation);
    }
    bool any_programmed =
        std::any_of(gateway.listeners.begin(), gateway.listeners.end(),
                    [](const graph::ListenerNode& listener) { return listener.programmed; });
    if (!gateway.programmed || any_programmed) continue;
    gateway.programmed = false;
    set_programmed(
        *gateway.status.mutable_conditions(), false, "Pending",
        "No listener is served yet: Lintel's data plane serves HTTP and HTTPS listeners only",
        generation);
  }
}

}  // namespace lintel::controller
