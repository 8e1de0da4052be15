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

// Withholds the unserved listeners of a Gateway or ListenerSet, and the object's own Programmed
// when none of its listeners is left programmed.
template <typename Node>
void withhold(Node& node, const meta::v1::ObjectMeta& metadata) {
  std::int64_t generation = metadata.generation();
  for (std::size_t i = 0; i < node.listeners.size(); ++i) {
    graph::ListenerNode& listener = node.listeners[i];
    if (!listener.programmed || listener.spec->protocol() == "HTTP") continue;
    listener.programmed = false;
    set_programmed(*node.status.mutable_listeners(static_cast<int>(i))->mutable_conditions(), false,
                   "Pending",
                   "Protocol " + listener.spec->protocol() +
                       " is not served yet: Lintel's data plane serves HTTP listeners only",
                   generation);
  }
  bool any_programmed =
      std::any_of(node.listeners.begin(), node.listeners.end(),
                  [](const graph::ListenerNode& listener) { return listener.programmed; });
  if (!node.programmed || any_programmed) return;
  node.programmed = false;
  set_programmed(*node.status.mutable_conditions(), false, "Pending",
                 "No listener is served yet: Lintel's data plane serves HTTP listeners only",
                 generation);
}

}  // namespace

void withhold_unserved_listeners(graph::Graph& graph) {
  for (graph::GatewayNode& gateway : graph.gateways) withhold(gateway, gateway.gateway->metadata());
  for (graph::ListenerSetNode& listener_set : graph.listener_sets)
    withhold(listener_set, listener_set.listener_set->metadata());
}

}  // namespace lintel::controller
