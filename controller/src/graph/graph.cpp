#include "graph.h"

#include <algorithm>
#include <map>
#include <utility>

#include "backend_refs.h"
#include "conditions.h"
#include "gateway_classes.h"
#include "gateways.h"
#include "graph_cache.h"
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
  auto before = [](const T* a, const T* b) {
    int by_namespace = a->metadata().namespace_().compare(b->metadata().namespace_());
    return by_namespace != 0 ? by_namespace < 0 : a->metadata().name() < b->metadata().name();
  };
  // Callers mostly list objects in key order already.
  if (!std::is_sorted(objects.begin(), objects.end(), before))
    std::sort(objects.begin(), objects.end(), before);
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
void attach(ListenerNode& listener, std::size_t route, const std::vector<std::string>& hostnames) {
  if (listener.routes.empty() || listener.routes.back().route != route) {
    listener.routes.push_back({route, hostnames});
    return;
  }
  std::vector<std::string>& known = listener.routes.back().hostnames;
  known.insert(known.end(), hostnames.begin(), hostnames.end());
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
}

class Builder {
 public:
  Builder(const GraphInput& input, const GraphOptions& options, GraphCache* cache)
      : input_(input), options_(options), lookup_(input), cache_(cache) {}

  Graph build() {
    if (cache_) cache_->begin(input_, options_);
    add_gateway_classes();
    add_gateways();
    add_listener_sets();
    note_parent_states();
    add_routes();
    if (cache_) cache_->end();
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
    const std::string& ns =
        parent_ref.has_namespace_() ? parent_ref.namespace_() : route.metadata().namespace_();
    auto found = index.find({ns, parent_ref.name()});
    if (found == index.end()) return std::nullopt;
    return found->second;
  }

  // The Gateway or ListenerSet of Lintel's a parentRef names.
  struct Parent {
    GatewayNode* gateway = nullptr;
    ListenerSetNode* listener_set = nullptr;
    std::uint64_t state = 0;  // GraphCache::parent_state; 0 without a cache

    explicit operator bool() const { return gateway || listener_set; }
    std::vector<ListenerNode>& listeners() const {
      return gateway ? gateway->listeners : listener_set->listeners;
    }
    RouteParent route_parent() const {
      return gateway ? graph::route_parent(*gateway) : graph::route_parent(*listener_set);
    }
  };

  Parent parent_named(const gw::HTTPRoute& route, const gw::ParentReference& parent_ref) {
    Parent parent;
    if (auto gateway = find_parent(route, parent_ref, "Gateway", gateways_)) {
      parent.gateway = &graph_.gateways[*gateway];
      if (cache_) parent.state = gateway_states_[*gateway];
    } else if (auto listener_set = find_parent(route, parent_ref, "ListenerSet", listener_sets_)) {
      parent.listener_set = &graph_.listener_sets[*listener_set];
      if (cache_) parent.state = listener_set_states_[*listener_set];
    }
    return parent;
  }

  // Everything a route's attachment reads of its parents, as GraphCache states: the parent's
  // name, its spec, and the status the graph gave it and its listeners. Not the status the
  // object carries, which Lintel itself writes.
  void note_parent_states() {
    if (!cache_) return;
    for (const GatewayNode& gateway : graph_.gateways)
      gateway_states_.push_back(
          cache_->parent_state("Gateway " + object_name(gateway.gateway->metadata().namespace_(),
                                                        gateway.gateway->metadata().name()),
                               fingerprint(gateway.gateway->spec(), gateway.status)));
    for (const ListenerSetNode& listener_set : graph_.listener_sets)
      listener_set_states_.push_back(cache_->parent_state(
          "ListenerSet " + object_name(listener_set.listener_set->metadata().namespace_(),
                                       listener_set.listener_set->metadata().name()),
          fingerprint(listener_set.listener_set->spec(), listener_set.status) + "/" +
              std::to_string(listener_set.listeners.size())));
  }

  static std::string fingerprint(const google::protobuf::Message& spec,
                                 const google::protobuf::Message& status) {
    return deterministic_bytes(spec) + "/" + deterministic_bytes(status);
  }

  ComputedRoute compute_route(const gw::HTTPRoute& route, const std::vector<Parent>& parents) {
    ComputedRoute computed;
    auto resolution = std::make_shared<RouteResolution>();
    RouteRefs refs = resolve_route_refs(route, lookup_);
    resolution->rules = std::move(refs.rules);
    meta::v1::Condition resolved_refs = resolved_refs_condition(route, refs.problems);
    computed.attachments.resize(parents.size());
    for (std::size_t p = 0; p < parents.size(); ++p) {
      computed.parent_states.push_back(parents[p].state);
      if (!parents[p]) continue;
      const gw::ParentReference& parent_ref = route.spec().parent_refs(static_cast<int>(p));
      ParentAttachment attachment =
          attach_route(route, parent_ref, parents[p].route_parent(), lookup_);
      computed.attachments[p] = std::move(attachment.listeners);

      gw::RouteParentStatus* parent = resolution->status.add_parents();
      *parent->mutable_parent_ref() = parent_ref;
      if (!parent_ref.has_namespace_())
        parent->mutable_parent_ref()->set_namespace_(route.metadata().namespace_());
      parent->set_controller_name(options_.controller_name);
      *parent->add_conditions() = std::move(attachment.accepted);
      *parent->add_conditions() = resolved_refs;
    }
    computed.resolution = std::move(resolution);
    return computed;
  }

  void add_routes() {
    std::vector<const gw::HTTPRoute*> routes = sorted(input_.http_routes);
    graph_.http_routes.reserve(routes.size());
    std::vector<Parent> parents;
    for (const auto* route : routes) {
      parents.clear();
      for (const auto& parent_ref : route->spec().parent_refs())
        parents.push_back(parent_named(*route, parent_ref));
      std::vector<std::uint64_t> states;
      const ComputedRoute* computed = nullptr;
      std::optional<ComputedRoute> fresh;
      if (cache_) {
        states.reserve(parents.size());
        for (const Parent& parent : parents) states.push_back(parent.state);
        computed = cache_->find(route, states);
      }
      if (!computed) computed = &fresh.emplace(compute_route(*route, parents));

      std::size_t index = graph_.http_routes.size();
      graph_.http_routes.emplace_back(route, computed->resolution);
      for (std::size_t p = 0; p < parents.size(); ++p) {
        for (const ListenerAttachment& listener : computed->attachments[p])
          attach(parents[p].listeners()[listener.listener], index, listener.hostnames);
      }
      if (fresh && cache_) cache_->keep(route, std::move(*fresh));
    }
  }

  const GraphInput& input_;
  const GraphOptions& options_;
  Lookup lookup_;
  GraphCache* cache_;
  Graph graph_;
  std::vector<std::uint64_t> gateway_states_;       // by index into graph_.gateways
  std::vector<std::uint64_t> listener_set_states_;  // by index into graph_.listener_sets
  std::map<std::string, std::size_t> classes_;
  std::map<Key, std::size_t> gateways_;
  std::map<Key, std::size_t> listener_sets_;
};

}  // namespace

Graph build_graph(const GraphInput& input, const GraphOptions& options, GraphCache* cache) {
  return Builder(input, options, cache).build();
}

}  // namespace lintel::controller::graph
