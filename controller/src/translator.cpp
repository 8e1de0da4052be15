#include "lintel/controller/translator.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "hostname_intersection.h"
#include "lintel/controller/service_resolver.h"
#include "lintel/conversion/internal_annotations.h"
#include "route_precedence.h"

namespace lintel::controller {

namespace sv1 = snapshot::v1;
namespace gv1 = gateway::v1;

namespace {

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

template <typename T>
std::vector<const T*> sorted_by_key(std::vector<const T*> objects) {
  std::sort(objects.begin(), objects.end(), [](const T* a, const T* b) {
    return std::tie(a->metadata().namespace_(), a->metadata().name()) <
           std::tie(b->metadata().namespace_(), b->metadata().name());
  });
  return objects;
}

struct AttachedListener {
  const gv1::Gateway* gateway;
  const gv1::Listener* listener;
};

// A virtual host under construction: one hostname in one wildcard mode on one port.
struct HostKey {
  std::string domain;
  bool single_label = false;
  auto operator<=>(const HostKey&) const = default;
};

struct PortBuilder {
  std::string name;
  std::map<HostKey, std::vector<RouteMatchRef>> hosts;
};

bool parent_selects(const gv1::ParentReference& parent, const gv1::HTTPRoute& route,
                    const AttachedListener& at) {
  if (parent.group() != kGatewayGroup || parent.kind() != "Gateway") return false;
  if (parent.name() != at.gateway->metadata().name()) return false;
  const std::string& namespace_ =
      parent.has_namespace_() ? parent.namespace_() : route.metadata().namespace_();
  if (namespace_ != at.gateway->metadata().namespace_()) return false;
  if (parent.has_section_name() && parent.section_name() != at.listener->name()) return false;
  if (parent.has_port() && parent.port() != at.listener->port()) return false;
  return true;
}

bool listener_allows(const AttachedListener& at, const gv1::HTTPRoute& route) {
  const std::string& from = at.listener->allowed_routes().namespaces().from();
  if (from == "All") return true;
  // Namespace selectors arrive with the controller graph (Namespace labels).
  if (from == "Selector") return false;
  return route.metadata().namespace_() == at.gateway->metadata().namespace_();
}

sv1::PathMatch::Type path_type_of(const std::string& type) {
  if (type == "Exact") return sv1::PathMatch::EXACT;
  if (type == "RegularExpression") return sv1::PathMatch::REGULAR_EXPRESSION;
  return sv1::PathMatch::PREFIX;
}

// The match the schema gives a rule that lists none.
const gv1::HTTPRouteMatch& default_match() {
  static const gv1::HTTPRouteMatch match = [] {
    gv1::HTTPRouteMatch out;
    out.mutable_path()->set_type("PathPrefix");
    out.mutable_path()->set_value("/");
    return out;
  }();
  return match;
}

class SnapshotBuilder {
 public:
  SnapshotBuilder(const TranslatorInput& input, const TranslatorOptions& options)
      : input_(input), options_(options), resolver_(input.services, input.endpoint_slices) {}

  sv1::Snapshot build() {
    std::vector<AttachedListener> listeners = accepted_http_listeners();
    std::map<std::int32_t, PortBuilder> ports;
    for (const auto& at : listeners) {
      auto& port = ports[at.listener->port()];
      if (port.name.empty()) {
        port.name = at.gateway->metadata().namespace_() + "/" + at.gateway->metadata().name() +
                    "/" + at.listener->name();
      }
    }
    for (const gv1::HTTPRoute* route : sorted_by_key(input_.http_routes)) {
      for (const auto& at : listeners) attach(*route, at, ports[at.listener->port()]);
    }

    sv1::Snapshot snapshot;
    for (auto& [port_number, port] : ports) {
      sv1::Listener* listener = snapshot.add_listeners();
      listener->set_name(port.name);
      listener->set_address(options_.bind_address);
      listener->set_port(static_cast<std::uint32_t>(port_number));
      listener->set_protocol(sv1::HTTP);
      for (auto& [host, matches] : port.hosts) {
        std::stable_sort(matches.begin(), matches.end(), takes_precedence);
        sv1::VirtualHost* vhost = listener->add_virtual_hosts();
        vhost->set_name(port.name + "/" + host.domain + (host.single_label ? "/single-label" : ""));
        vhost->add_domains(host.domain);
        vhost->set_wildcard_mode(host.single_label ? sv1::WILDCARD_MODE_SINGLE_LABEL
                                                   : sv1::WILDCARD_MODE_SUFFIX);
        for (const auto& ref : matches) add_route(*vhost, ref);
      }
    }
    for (auto& [name, cluster] : clusters_) *snapshot.add_clusters() = std::move(cluster);
    return snapshot;
  }

 private:
  std::vector<AttachedListener> accepted_http_listeners() const {
    std::set<std::string> accepted_classes;
    for (const auto* gateway_class : input_.gateway_classes) {
      if (gateway_class->spec().controller_name() == options_.controller_name) {
        accepted_classes.insert(gateway_class->metadata().name());
      }
    }
    std::vector<AttachedListener> out;
    for (const gv1::Gateway* gateway : sorted_by_key(input_.gateways)) {
      if (!accepted_classes.count(gateway->spec().gateway_class_name())) continue;
      for (const auto& listener : gateway->spec().listeners()) {
        if (listener.protocol() == "HTTP") out.push_back({gateway, &listener});
      }
    }
    return out;
  }

  void attach(const gv1::HTTPRoute& route, const AttachedListener& at, PortBuilder& port) {
    const auto& parents = route.spec().parent_refs();
    bool selected = std::any_of(
        parents.begin(), parents.end(),
        [&](const gv1::ParentReference& parent) { return parent_selects(parent, route, at); });
    if (!selected || !listener_allows(at, route)) return;
    std::optional<std::string> listener_hostname;
    if (at.listener->has_hostname()) listener_hostname = at.listener->hostname();
    std::vector<std::string> route_hostnames(route.spec().hostnames().begin(),
                                             route.spec().hostnames().end());
    bool single_label = conversion::has_single_label_wildcards(route.metadata());
    for (const auto& hostname : intersect_hostnames(listener_hostname, route_hostnames)) {
      HostKey key{hostname, single_label && hostname.rfind("*.", 0) == 0};
      auto& matches = port.hosts[key];
      for (int r = 0; r < route.spec().rules_size(); ++r) {
        const auto& rule = route.spec().rules(r);
        auto rule_index = static_cast<size_t>(r);
        if (rule.matches().empty()) {
          matches.push_back({&route, rule_index, 0, &default_match()});
          continue;
        }
        for (int m = 0; m < rule.matches_size(); ++m)
          matches.push_back({&route, rule_index, static_cast<size_t>(m), &rule.matches(m)});
      }
    }
  }

  void add_route(sv1::VirtualHost& vhost, const RouteMatchRef& ref) {
    const gv1::HTTPRouteMatch& match = *ref.match;
    const gv1::HTTPRoute& source = *ref.route;
    sv1::Route* route = vhost.add_routes();
    route->set_name("httproute/" + source.metadata().namespace_() + "/" + source.metadata().name() +
                    "/rule/" + std::to_string(ref.rule_index) + "/match/" +
                    std::to_string(ref.match_index));
    route->mutable_path()->set_type(path_type_of(match.path().type()));
    route->mutable_path()->set_value(match.path().value());
    for (const auto& header : match.headers()) {
      auto* h = route->add_headers();
      h->set_name(header.name());
      h->set_value(header.value());
      h->set_type(header.type() == "RegularExpression" ? sv1::HeaderMatch::REGULAR_EXPRESSION
                                                       : sv1::HeaderMatch::EXACT);
    }
    for (const auto& param : match.query_params()) {
      auto* q = route->add_query_params();
      q->set_name(param.name());
      q->set_value(param.value());
      q->set_type(param.type() == "RegularExpression" ? sv1::QueryParamMatch::REGULAR_EXPRESSION
                                                      : sv1::QueryParamMatch::EXACT);
    }
    if (match.has_method()) route->set_method(match.method());

    const gv1::HTTPRouteRule& rule = source.spec().rules(static_cast<int>(ref.rule_index));
    sv1::ForwardAction forward;
    bool any_valid = false;
    for (const auto& backend : rule.backend_refs()) {
      if (backend.weight() <= 0) continue;
      auto cluster = resolve(source, backend);
      auto* weighted = forward.add_clusters();
      // An unresolved backendRef keeps its share of the traffic, answered 500 by the proxy.
      weighted->set_cluster(cluster.value_or(""));
      weighted->set_weight(static_cast<std::uint32_t>(backend.weight()));
      any_valid = any_valid || cluster.has_value();
    }
    if (!any_valid) {
      // Gateway API: requests for a rule whose backends are all invalid get a 500.
      route->mutable_direct_response()->set_status(500);
      route->mutable_direct_response()->set_body("no valid backend for this route\n");
    } else {
      *route->mutable_forward() = std::move(forward);
    }
  }

  std::optional<std::string> resolve(const gv1::HTTPRoute& route,
                                     const gv1::HTTPBackendRef& backend) {
    if (!backend.group().empty() || backend.kind() != "Service") return std::nullopt;
    // The schema requires a port for a Service; the Ingress conversion leaves it out when a
    // named port does not resolve.
    if (!backend.has_port()) return std::nullopt;
    const std::string& namespace_ =
        backend.has_namespace_() ? backend.namespace_() : route.metadata().namespace_();
    // Cross-namespace references need a ReferenceGrant, which the controller graph brings.
    if (namespace_ != route.metadata().namespace_()) return std::nullopt;
    UnresolvedService why;
    auto service = resolver_.resolve(namespace_, backend.name(), backend.port(), why);
    if (!service) return std::nullopt;
    auto [it, inserted] = clusters_.try_emplace(service->cluster_name);
    if (inserted) {
      it->second.set_name(service->cluster_name);
      for (const auto& endpoint : service->endpoints) {
        auto* e = it->second.add_endpoints();
        e->set_address(endpoint.address);
        e->set_port(endpoint.port);
      }
    }
    return service->cluster_name;
  }

  const TranslatorInput& input_;
  const TranslatorOptions& options_;
  ServiceResolver resolver_;
  std::map<std::string, sv1::Cluster> clusters_;
};

}  // namespace

sv1::Snapshot translate(const TranslatorInput& input, const TranslatorOptions& options) {
  return SnapshotBuilder(input, options).build();
}

}  // namespace lintel::controller
