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

bool any_programmed(const std::vector<graph::ListenerNode>& listeners) {
  return std::any_of(listeners.begin(), listeners.end(),
                     [](const graph::ListenerNode& listener) { return listener.programmed; });
}

// Withholds the unserved listeners of a Gateway or ListenerSet, and the object's own Programmed
// when none of its listeners is left programmed and nothing else is served in its name (a
// Gateway's ListenerSets).
template <typename Node>
void withhold(Node& node, const meta::v1::ObjectMeta& metadata, bool served_otherwise) {
  std::int64_t generation = metadata.generation();
  for (std::size_t i = 0; i < node.listeners.size(); ++i) {
    graph::ListenerNode& listener = node.listeners[i];
    const std::string& protocol = listener.spec->protocol();
    if (!listener.programmed || protocol == "HTTP" || protocol == "HTTPS") continue;
    listener.programmed = false;
    set_programmed(*node.status.mutable_listeners(static_cast<int>(i))->mutable_conditions(), false,
                   "Pending",
                   "Protocol " + listener.spec->protocol() +
                       " is not served yet: Lintel's data plane serves HTTP and HTTPS listeners "
                       "only",
                   generation);
  }
  if (!node.programmed || any_programmed(node.listeners) || served_otherwise) return;
  node.programmed = false;
  set_programmed(*node.status.mutable_conditions(), false, "Pending",
                 "No listener is served yet: Lintel's data plane serves HTTP and HTTPS listeners "
                 "only",
                 generation);
}

}  // namespace

void withhold_unserved_listeners(graph::Graph& graph) {
  for (graph::ListenerSetNode& listener_set : graph.listener_sets)
    withhold(listener_set, listener_set.listener_set->metadata(), false);
  for (graph::GatewayNode& gateway : graph.gateways) {
    bool sets_served = std::any_of(
        gateway.listener_sets.begin(), gateway.listener_sets.end(),
        [&](std::size_t index) { return any_programmed(graph.listener_sets[index].listeners); });
    withhold(gateway, gateway.gateway->metadata(), sets_served);
  }
}

}  // namespace lintel::controller
