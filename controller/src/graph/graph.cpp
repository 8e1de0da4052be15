#include "graph.h"

#include <algorithm>
#include <map>
#include <utility>

#include "backend_refs.h"
#include "conditions.h"
#include "gateway_classes.h"
#include "gateways.h"
#include "listener_sets.h"
#include "lookup.h"
#include "protocols.h"
#include "route_attachment.h"

namespace lintel::controller::graph {

namespace {

using Key = std::pair<std::string, std::string>;

template <typename T>
Key key_of(const T* object) {
  return {object->metadata().namespace_(), object->metadata().name()};
}

// Inputs in a fixed order, so that the graph does not depend on the order they came in.
template <typename T>
std::vector<const T*> sorted(std::vector<const T*> objects) {
  std::sort(objects.begin(), objects.end(),
            [](const T* a, const T* b) { return key_of(a) < key_of(b); });
  return objects;
}

meta::v1::Condition resolved_refs_condition(const gw::HTTPRoute& route,
                                            const std::vector<Problem>& problems) {
  std::int64_t generation = route.metadata().generation();
  if (problems.empty())
    return make_condition("ResolvedRefs", true, "ResolvedRefs", "All references are resolved",
                          generation);
  return make_condition("ResolvedRefs", false, problems.front().reason, join_messages(problems),
                        generation);
}

// Adds a route to a listener; a route reaching the same listener through two parentRefs counts
// once, with the hostnames of both.
void attach(ListenerNode& listener, std::size_t route, std::vector<std::string> hostnames) {
  if (listener.routes.empty() || listener.routes.back().route != route) {
    listener.routes.push_back({route, std::move(hostnames)});
    return;
  }
  std::vector<std::string>& known = listener.routes.back().hostnames;
  known.insert(known.end(), hostnames.begin(), hostnames.end());
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
}

class Builder {
 public:
  Builder(const GraphInput& input, const GraphOptions& options)
      : input_(input), options_(options), lookup_(input) {}

  Graph build() {
    add_gateway_classes();
    add_gateways();
    add_listener_sets();
    add_routes();
    for (GatewayNode& gateway : graph_.gateways) count_attached_routes(gateway);
    for (ListenerSetNode& listener_set : graph_.listener_sets) count_attached_routes(listener_set);
    return std::move(graph_);
  }

 private:
  void add_gateway_classes() {
    for (const auto* gateway_class : sorted(input_.gateway_classes)) {
      if (gateway_class->spec().controller_name() != options_.controller_name) continue;
      classes_[gateway_class->metadata().name()] = graph_.gateway_classes.size();
      graph_.gateway_classes.push_back(check_gateway_class(*gateway_class));
    }
  }

  void add_gateways() {
    for (const auto* gateway : sorted(input_.gateways)) {
      auto gateway_class = classes_.find(gateway->spec().gateway_class_name());
      if (gateway_class == classes_.end()) continue;
      gateways_[key_of(gateway)] = graph_.gateways.size();
      graph_.gateways.push_back(check_gateway(
          *gateway, graph_.gateway_classes[gateway_class->second], lookup_, options_));
    }
  }

  void add_listener_sets() {
    graph_.listener_sets = check_listener_sets(sorted(input_.listener_sets), graph_.gateways,
                                               gateways_, lookup_, options_.certificate_time);
    for (std::size_t i = 0; i < graph_.listener_sets.size(); ++i)
      listener_sets_[key_of(graph_.listener_sets[i].listener_set)] = i;
  }

  template <typename Node>
  static void count_attached_routes(Node& node) {
    for (std::size_t i = 0; i < node.listeners.size(); ++i)
      node.status.mutable_listeners(static_cast<int>(i))
          ->set_attached_routes(static_cast<std::int32_t>(node.listeners[i].routes.size()));
  }

  // The node of Lintel's a parentRef names, if it names one: index `kind` (Gateway or
  // ListenerSet) in `index`.
  static std::optional<std::size_t> find_parent(const gw::HTTPRoute& route,
                                                const gw::ParentReference& parent_ref,
                                                const char* kind,
                                                const std::map<Key, std::size_t>& index) {
    if (parent_ref.group() != kGatewayGroup || parent_ref.kind() != kind) return std::nullopt;
    std::string ns =
        parent_ref.has_namespace_() ? parent_ref.namespace_() : route.metadata().namespace_();
    auto found = index.find({ns, parent_ref.name()});
    if (found == index.end()) return std::nullopt;
    return found->second;
  }

  // Attaches a route through one parentRef to the Gateway or ListenerSet of Lintel's it names;
  // nullopt when it names none.
  std::optional<meta::v1::Condition> attach_to_parent(const gw::HTTPRoute& route,
                                                      const gw::ParentReference& parent_ref,
                                                      std::size_t index) {
    auto attach_to = [&](auto& node) {
      ParentAttachment attachment = attach_route(route, parent_ref, route_parent(node), lookup_);
      for (auto& listener : attachment.listeners)
        attach(node.listeners[listener.listener], index, std::move(listener.hostnames));
      return std::move(attachment.accepted);
    };
    if (auto gateway = find_parent(route, parent_ref, "Gateway", gateways_))
      return attach_to(graph_.gateways[*gateway]);
    if (auto listener_set = find_parent(route, parent_ref, "ListenerSet", listener_sets_))
      return attach_to(graph_.listener_sets[*listener_set]);
    return std::nullopt;
  }

  void add_routes() {
    for (const auto* route : sorted(input_.http_routes)) {
      std::size_t index = graph_.http_routes.size();
      RouteNode& node = graph_.http_routes.emplace_back();
      node.route = route;
      RouteRefs refs = resolve_route_refs(*route, lookup_);
      node.rules = std::move(refs.rules);
      meta::v1::Condition resolved_refs = resolved_refs_condition(*route, refs.problems);
      for (const auto& parent_ref : route->spec().parent_refs()) {
        std::optional<meta::v1::Condition> accepted = attach_to_parent(*route, parent_ref, index);
        if (!accepted) continue;

        gw::RouteParentStatus* parent = node.status.add_parents();
        *parent->mutable_parent_ref() = parent_ref;
        if (!parent_ref.has_namespace_())
          parent->mutable_parent_ref()->set_namespace_(route->metadata().namespace_());
        parent->set_controller_name(options_.controller_name);
        *parent->add_conditions() = std::move(*accepted);
        *parent->add_conditions() = resolved_refs;
      }
    }
  }

  const GraphInput& input_;
  const GraphOptions& options_;
  Lookup lookup_;
  Graph graph_;
  std::map<std::string, std::size_t> classes_;
  std::map<Key, std::size_t> gateways_;
  std::map<Key, std::size_t> listener_sets_;
};

}  // namespace

Graph build_graph(const GraphInput& input, const GraphOptions& options) {
  return Builder(input, options).build();
}

}  // namespace lintel::controller::graph
