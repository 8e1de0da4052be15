#include "lintel/controller/translator.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "cluster_table.h"
#include "lintel/conversion/internal_annotations.h"
#include "listener_isolation.h"
#include "route_match.h"
#include "route_precedence.h"
#include "rule_translation.h"
#include "tls_translation.h"
#include "translator_cache.h"

namespace lintel::controller {

namespace sv1 = snapshot::v1;

namespace {

// A virtual host under construction: one hostname in one wildcard mode on one port.
struct HostKey {
  std::string domain;
  bool single_label = false;
  auto operator<=>(const HostKey&) const = default;
};

// One match of a rule placed on a virtual host; `route` indexes Graph::http_routes.
struct PlacedMatch {
  RouteMatchRef ref;
  std::size_t route = 0;
};

struct PortBuilder {
  std::string name;
  std::string protocol;  // of the first listener placed: one port speaks one protocol
  PortTlsBuilder tls;
  std::map<HostKey, std::vector<PlacedMatch>> hosts;
  // A route reaching one port through several listeners is placed on each hostname once.
  std::set<std::pair<HostKey, std::size_t>> placed;
  // The routes of each listener, placed once every listener of the port is known.
  std::vector<std::pair<const graph::AttachedRoute*, std::string>> attached;
  ListenerIsolation isolation;
};

bool served(const graph::ListenerNode& listener) {
  return listener.programmed &&
         (listener.spec->protocol() == "HTTP" || listener.spec->protocol() == "HTTPS");
}

class SnapshotBuilder {
 public:
  SnapshotBuilder(const graph::Graph& graph, const ServiceResolver& services,
                  const TranslatorOptions& options, TranslatorCache* cache)
      : graph_(graph), options_(options), clusters_(services), cache_(cache) {
    if (cache_) {
      cache_->begin();
      translated_.resize(graph_.http_routes.size());
    }
  }

  void build(sv1::Snapshot& snapshot) {
    // By (address, port): Gateways with addresses of their own never share a socket.
    Ports ports;
    for (const graph::GatewayNode& gateway : graph_.gateways) {
      const std::string* address = listen_address(gateway);
      if (!address) continue;
      add_listeners(gateway.listeners, gateway.gateway->metadata(), *address, ports);
      // A ListenerSet's listeners are the Gateway's, on its address, after its own.
      for (std::size_t index : gateway.listener_sets) {
        const graph::ListenerSetNode& listener_set = graph_.listener_sets[index];
        add_listeners(listener_set.listeners, listener_set.listener_set->metadata(), *address,
                      ports);
      }
    }

    for (auto& [address_and_port, port] : ports) {
      sv1::Listener* listener = snapshot.add_listeners();
      listener->set_name(port.name);
      listener->set_address(address_and_port.first);
      listener->set_port(static_cast<std::uint32_t>(address_and_port.second));
      listener->set_protocol(port.protocol == "HTTPS" ? sv1::HTTPS : sv1::HTTP);
      if (port.protocol == "HTTPS") *listener->mutable_tls() = port.tls.take();
      for (const auto& [attached, listener_hostname] : port.attached)
        place(*attached, listener_hostname, port);
      const auto stops = port.isolation.stop_hostnames();
      for (const auto& hostname : stops) port.hosts[HostKey{hostname}];
      for (auto& [host, matches] : port.hosts) {
        std::stable_sort(matches.begin(), matches.end(),
                         [](const PlacedMatch& a, const PlacedMatch& b) {
                           return takes_precedence(a.ref, b.ref);
                         });
        sv1::VirtualHost* vhost = listener->add_virtual_hosts();
        vhost->set_name(port.name + "/" + host.domain + (host.single_label ? "/single-label" : ""));
        vhost->add_domains(host.domain);
        vhost->set_wildcard_mode(host.single_label ? sv1::WILDCARD_MODE_SINGLE_LABEL
                                                   : sv1::WILDCARD_MODE_SUFFIX);
        for (const auto& match : matches) {
          if (cache_)
            *vhost->add_routes() =
                translated(match.route).routes[match.ref.rule_index][match.ref.match_index];
          else
            *vhost->add_routes() = route_for(match);
        }
        if (!host.single_label && std::find(stops.begin(), stops.end(), host.domain) != stops.end())
          *vhost->add_routes() = isolation_stop(host.domain);
      }
    }
    for (auto& cluster : clusters_.take()) *snapshot.add_clusters() = std::move(cluster);
    if (cache_) cache_->end();
  }

 private:
  using Ports = std::map<std::pair<std::string, std::int32_t>, PortBuilder>;

  // The served listeners of a Gateway or ListenerSet (`owner`) onto their ports; a port is named
  // after the first listener on it.
  void add_listeners(const std::vector<graph::ListenerNode>& listeners,
                     const meta::v1::ObjectMeta& owner, const std::string& address, Ports& ports) {
    for (const graph::ListenerNode& listener : listeners) {
      if (!served(listener)) continue;
      PortBuilder& port = ports[{address, listener.spec->port()}];
      if (port.name.empty()) {
        port.name = owner.namespace_() + "/" + owner.name() + "/" + listener.spec->name();
        port.protocol = listener.spec->protocol();
      }
      // Within a Gateway the graph reports such a listener Conflicted; across Gateways sharing
      // an address the first one (by namespace/name) keeps the port.
      if (listener.spec->protocol() != port.protocol) continue;
      if (port.protocol == "HTTPS") port.tls.add(listener);
      port.isolation.add_listener(listener.spec->hostname());
      for (const graph::AttachedRoute& attached : listener.routes)
        port.attached.emplace_back(&attached, listener.spec->hostname());
    }
  }

  // Where a Gateway's listeners bind: its own address when Gateways have one each (none when
  // it got none), else the one bind address every Gateway shares.
  const std::string* listen_address(const graph::GatewayNode& gateway) const {
    if (!options_.address_per_gateway) return &options_.bind_address;
    if (gateway.status.addresses().empty()) return nullptr;
    return &gateway.status.addresses(0).value();
  }

  void place(const graph::AttachedRoute& attached, const std::string& listener_hostname,
             PortBuilder& port) {
    const gateway::v1::HTTPRoute& route = *graph_.http_routes[attached.route].route;
    bool single_label = conversion::has_single_label_wildcards(route.metadata());
    for (const auto& hostname : attached.hostnames) {
      if (!port.isolation.serves(hostname, listener_hostname)) continue;
      HostKey key{hostname, single_label && hostname.rfind("*.", 0) == 0};
      if (!port.placed.insert({key, attached.route}).second) continue;
      auto& matches = port.hosts[key];
      for (int r = 0; r < route.spec().rules_size(); ++r) {
        const auto& rule = route.spec().rules(r);
        auto rule_index = static_cast<std::size_t>(r);
        if (rule.matches().empty()) {
          matches.push_back({{&route, rule_index, 0, &default_match()}, attached.route});
          continue;
        }
        for (int m = 0; m < rule.matches_size(); ++m) {
          matches.push_back({{&route, rule_index, static_cast<std::size_t>(m), &rule.matches(m)},
                             attached.route});
        }
      }
    }
  }

  sv1::Route route_for(const PlacedMatch& placed) {
    const RouteMatchRef& ref = placed.ref;
    auto [rule, inserted] = rules_.try_emplace({placed.route, ref.rule_index});
    if (inserted)
      rule->second = translate_rule(graph_.http_routes[placed.route], ref.rule_index, clusters_);
    sv1::Route route = rule->second;
    const auto& meta = ref.route->metadata();
    route.set_name("httproute/" + meta.namespace_() + "/" + meta.name() + "/rule/" +
                   std::to_string(ref.rule_index) + "/match/" + std::to_string(ref.match_index));
    set_match(*ref.match, route);
    refuse_prefix_replacement_without_prefix(route);
    return route;
  }

  // Every snapshot route of one HTTPRoute (`route` indexes Graph::http_routes), from the cache
  // when its resolution is unchanged, with the clusters they use added to this snapshot's.
  const TranslatorCache::Translated& translated(std::size_t route) {
    if (const TranslatorCache::Translated* known = translated_[route]) return *known;
    const graph::RouteNode& node = graph_.http_routes[route];
    const TranslatorCache::Translated* found = cache_->find(node);
    if (found) {
      for (const ClusterUse& use : found->clusters) {
        if (!clusters_.has(use.name)) clusters_.cluster_for(*use.ref, use.port);
      }
    } else {
      found = &cache_->keep(translate_all(route));
    }
    translated_[route] = found;
    return *found;
  }

  TranslatorCache::Translated translate_all(std::size_t route) {
    const graph::RouteNode& node = graph_.http_routes[route];
    TranslatorCache::Translated out;
    out.resolution = node.resolution;
    clusters_.record(&out.clusters);
    const auto& rules = node.route->spec().rules();
    for (int r = 0; r < rules.size(); ++r) {
      auto rule_index = static_cast<std::size_t>(r);
      std::vector<sv1::Route>& matches = out.routes.emplace_back();
      if (rules[r].matches().empty()) {
        matches.push_back(route_for({{node.route, rule_index, 0, &default_match()}, route}));
        continue;
      }
      for (int m = 0; m < rules[r].matches_size(); ++m)
        matches.push_back(route_for(
            {{node.route, rule_index, static_cast<std::size_t>(m), &rules[r].matches(m)}, route}));
    }
    clusters_.record(nullptr);
    return out;
  }

  const graph::Graph& graph_;
  const TranslatorOptions& options_;
  ClusterTable clusters_;
  TranslatorCache* cache_;
  // By index into Graph::http_routes: each route's translation, once looked up in this build.
  std::vector<const TranslatorCache::Translated*> translated_;
  // Each rule translated once, for all its matches and hostnames: (route index, rule index).
  std::map<std::pair<std::size_t, std::size_t>, sv1::Route> rules_;
};

}  // namespace

sv1::Snapshot translate(const graph::Graph& graph, const ServiceResolver& services,
                        const TranslatorOptions& options) {
  sv1::Snapshot snapshot;
  SnapshotBuilder(graph, services, options, nullptr).build(snapshot);
  return snapshot;
}

std::shared_ptr<sv1::Snapshot> translate(const graph::Graph& graph, const ServiceResolver& services,
                                         const TranslatorOptions& options, TranslatorCache& cache) {
  auto arena = std::make_shared<google::protobuf::Arena>();
  auto* snapshot = google::protobuf::Arena::CreateMessage<sv1::Snapshot>(arena.get());
  SnapshotBuilder(graph, services, options, &cache).build(*snapshot);
  // The snapshot lives as long as its arena, which goes with the last reference to it.
  return std::shared_ptr<sv1::Snapshot>(std::move(arena), snapshot);
}

}  // namespace lintel::controller
