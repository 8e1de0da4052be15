#include "lintel/conversion/ingress_to_gateway.h"

#include <algorithm>
#include <map>
#include <set>

namespace lintel::conversion {

namespace {

api::HTTPBackendRef backend_ref_of(const api::IngressServiceBackend& service) {
  api::HTTPBackendRef ref;
  ref.name = service.name;
  if (service.port.number && *service.port.number != 0) {
    ref.port = *service.port.number;
  } else {
    ref.port_name = service.port.name;
  }
  return ref;
}

api::HTTPPathMatch path_match_of(const api::HTTPIngressPath& path) {
  api::HTTPPathMatch match;
  match.value = path.path.empty() ? "/" : path.path;
  match.type = path.path_type == api::PathType::kExact ? api::PathMatchType::kExact
                                                       : api::PathMatchType::kPathPrefix;
  return match;
}

// "a.example.com" -> "a-example-com", "*.example.com" -> "wildcard-example-com"; names stay
// DNS labels so that `lintel migrate` output applies to a cluster unchanged.
std::string host_slug(const std::string& host) {
  std::string out;
  for (char c : host) {
    if (c == '*') {
      out += "wildcard";
    } else if (c == '.') {
      out += '-';
    } else {
      out += c;
    }
  }
  return out;
}

api::ParentReference parent_ref_for(const std::string& gateway_name) {
  api::ParentReference parent;
  parent.namespace_ = kGatewayNamespace;
  parent.name = gateway_name;
  parent.section_name = "http";
  return parent;
}

class IngressConverter {
 public:
  IngressConverter(const api::Ingress& ingress, std::string gateway, ConversionResult& result)
      : ingress_(ingress),
        gateway_(std::move(gateway)),
        result_(result),
        key_(ingress.metadata.namespace_ + "/" + ingress.metadata.name) {}

  void convert() {
    // Rules that share a host (several rules may name one host) become one route.
    std::map<std::string, std::vector<api::HTTPRouteRule>> rules_by_host;
    for (size_t i = 0; i < ingress_.spec.rules.size(); ++i) {
      const auto& rule = ingress_.spec.rules[i];
      auto& rules = rules_by_host[rule.host];
      if (!rule.http_paths) continue;
      for (size_t j = 0; j < rule.http_paths->size(); ++j) {
        const auto& path = (*rule.http_paths)[j];
        std::string field =
            "spec.rules[" + std::to_string(i) + "].http.paths[" + std::to_string(j) + "]";
        if (auto converted = rule_of(path, field)) rules.push_back(std::move(*converted));
      }
    }
    for (auto& [host, rules] : rules_by_host) {
      if (rules.empty()) continue;
      api::HTTPRoute route = route_named(ingress_.metadata.name + "-" +
                                         (host.empty() ? "all-hosts" : host_slug(host)));
      if (!host.empty()) route.hostnames.push_back(host);
      route.rules = std::move(rules);
      result_.http_routes.push_back(std::move(route));
    }
    if (ingress_.spec.default_backend) {
      const auto& backend = *ingress_.spec.default_backend;
      if (!backend.service) {
        note("spec.defaultBackend.resource",
             "resource backends are not supported; the default backend is not served");
        return;
      }
      api::HTTPRoute route = route_named(ingress_.metadata.name + "-default-backend");
      api::HTTPRouteRule rule;
      rule.name = "default-backend";
      rule.matches.push_back(api::HTTPRouteMatch{});
      rule.backend_refs.push_back(backend_ref_of(*backend.service));
      route.rules.push_back(std::move(rule));
      result_.http_routes.push_back(std::move(route));
    }
  }

 private:
  std::optional<api::HTTPRouteRule> rule_of(const api::HTTPIngressPath& path,
                                            const std::string& field) {
    if (!path.backend.service) {
      note(field + ".backend.resource",
           "resource backends are not supported; this path is not served");
      return std::nullopt;
    }
    api::HTTPRouteRule rule;
    api::HTTPRouteMatch match;
    match.path = path_match_of(path);
    rule.matches.push_back(std::move(match));
    rule.backend_refs.push_back(backend_ref_of(*path.backend.service));
    return rule;
  }

  api::HTTPRoute route_named(const std::string& name) const {
    api::HTTPRoute route;
    route.metadata.name = name;
    route.metadata.namespace_ = ingress_.metadata.namespace_;
    // The routes of an older Ingress win ties, as the Ingress's own precedence would have it.
    route.metadata.creation_timestamp = ingress_.metadata.creation_timestamp;
    route.metadata.labels["lintel.io/ingress"] = ingress_.metadata.name;
    route.parent_refs.push_back(parent_ref_for(gateway_));
    route.single_label_wildcards = true;
    return route;
  }

  void note(std::string field, std::string message) {
    result_.notes.push_back(ConversionNote{key_, std::move(field), std::move(message)});
  }

  const api::Ingress& ingress_;
  std::string gateway_;
  ConversionResult& result_;
  std::string key_;
};

}  // namespace

ConversionResult convert_ingresses(const std::vector<const api::Ingress*>& ingresses,
                                   const std::vector<const api::IngressClass*>& classes,
                                   const ConversionOptions& options) {
  ConversionResult result;
  IngressClassSelector selector(classes, options.class_selection);
  std::set<std::string> used_classes;
  for (const auto* ingress : ingresses) {
    auto ingress_class = selector.class_of(*ingress);
    if (!ingress_class) continue;
    used_classes.insert(*ingress_class);
    IngressConverter(*ingress, *ingress_class, result).convert();
  }
  if (options.always_emit_default_gateway)
    used_classes.insert(options.class_selection.ingress_class);
  for (const auto& name : used_classes) {
    api::GatewayClass gateway_class;
    gateway_class.metadata.name = name;
    gateway_class.controller_name = kGatewayControllerName;
    gateway_class.description = "Converted from IngressClass " + name;
    result.gateway_classes.push_back(std::move(gateway_class));

    api::Gateway gateway;
    gateway.metadata.name = name;
    gateway.metadata.namespace_ = kGatewayNamespace;
    gateway.gateway_class_name = name;
    api::Listener listener;
    listener.name = "http";
    listener.port = options.http_port;
    listener.protocol = "HTTP";
    listener.allowed_routes.from = api::FromNamespaces::kAll;
    gateway.listeners.push_back(std::move(listener));
    result.gateways.push_back(std::move(gateway));
  }
  auto by_key = [](const api::HTTPRoute& a, const api::HTTPRoute& b) {
    return std::tie(a.metadata.namespace_, a.metadata.name) <
           std::tie(b.metadata.namespace_, b.metadata.name);
  };
  std::sort(result.http_routes.begin(), result.http_routes.end(), by_key);
  return result;
}

}  // namespace lintel::conversion
