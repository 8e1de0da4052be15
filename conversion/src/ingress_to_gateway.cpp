#include "lintel/conversion/ingress_to_gateway.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "annotations/ingress_nginx_annotations.h"
#include "lintel/conversion/internal_annotations.h"
#include "pending_status.h"

namespace lintel::conversion {

namespace gv1 = gateway::v1;

namespace {

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";
constexpr const char* kApiVersion = "gateway.networking.k8s.io/v1";

// The Services by namespace and name, for the port numbers of named Ingress ports.
class ServicePorts {
 public:
  explicit ServicePorts(const std::vector<const api::Service*>& services) {
    for (const auto* service : services)
      services_[{service->metadata().namespace_(), service->metadata().name()}] = service;
  }

  std::optional<std::int32_t> number_of(const std::string& namespace_, const std::string& service,
                                        const std::string& port_name) const {
    auto found = services_.find({namespace_, service});
    if (found == services_.end()) return std::nullopt;
    for (const auto& port : found->second->spec().ports()) {
      if (port.name() == port_name) return port.port();
    }
    return std::nullopt;
  }

 private:
  std::map<std::pair<std::string, std::string>, const api::Service*> services_;
};

gv1::HTTPRouteMatch match_of(const std::string& type, const std::string& value) {
  gv1::HTTPRouteMatch match;
  match.mutable_path()->set_type(type);
  match.mutable_path()->set_value(value);
  return match;
}

gv1::HTTPRouteMatch path_match_of(const api::HTTPIngressPath& path) {
  return match_of(path.path_type() == "Exact" ? "Exact" : "PathPrefix",
                  path.path().empty() ? "/" : path.path());
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

class IngressConverter {
 public:
  IngressConverter(const api::Ingress& ingress, std::string gateway, const ServicePorts& services,
                   ConversionResult& result)
      : ingress_(ingress),
        gateway_(std::move(gateway)),
        services_(services),
        result_(result),
        key_(ingress.metadata().namespace_() + "/" + ingress.metadata().name()) {}

  void convert() {
    // Rules that share a host (several rules may name one host) become one route.
    std::map<std::string, std::vector<gv1::HTTPRouteRule>> rules_by_host;
    for (int i = 0; i < ingress_.spec().rules_size(); ++i) {
      const auto& rule = ingress_.spec().rules(i);
      auto& rules = rules_by_host[rule.host()];
      for (int j = 0; j < rule.http().paths_size(); ++j) {
        const auto& path = rule.http().paths(j);
        std::string field =
            "spec.rules[" + std::to_string(i) + "].http.paths[" + std::to_string(j) + "]";
        if (auto converted = rule_of(path, field, route_name(rule.host())))
          rules.push_back(std::move(*converted));
      }
    }
    for (auto& [host, rules] : rules_by_host) {
      if (rules.empty()) continue;
      gv1::HTTPRoute route = route_named(route_name(host));
      if (!host.empty()) route.mutable_spec()->add_hostnames(host);
      for (auto& rule : rules) *route.mutable_spec()->add_rules() = std::move(rule);
      result_.http_routes.push_back(std::move(route));
    }
    if (ingress_.spec().has_default_backend()) {
      const auto& backend = ingress_.spec().default_backend();
      if (!backend.has_service()) {
        note("spec.defaultBackend.resource",
             "resource backends are not supported; the default backend is not served", "");
        return;
      }
      std::string name = ingress_.metadata().name() + "-default-backend";
      gv1::HTTPRoute route = route_named(name);
      gv1::HTTPRouteRule* rule = route.mutable_spec()->add_rules();
      rule->set_name("default-backend");
      *rule->add_matches() = match_of("PathPrefix", "/");
      *rule->add_backend_refs() = backend_ref_of(backend.service(), "spec.defaultBackend", name);
      result_.http_routes.push_back(std::move(route));
    }
  }

 private:
  std::string route_name(const std::string& host) const {
    return ingress_.metadata().name() + "-" + (host.empty() ? "all-hosts" : host_slug(host));
  }

  std::optional<gv1::HTTPRouteRule> rule_of(const api::HTTPIngressPath& path,
                                            const std::string& field, const std::string& route) {
    if (!path.backend().has_service()) {
      note(field + ".backend.resource",
           "resource backends are not supported; this path is not served", "");
      return std::nullopt;
    }
    gv1::HTTPRouteRule rule;
    *rule.add_matches() = path_match_of(path);
    *rule.add_backend_refs() = backend_ref_of(path.backend().service(), field + ".backend", route);
    return rule;
  }

  gv1::HTTPBackendRef backend_ref_of(const api::IngressServiceBackend& service,
                                     const std::string& field, const std::string& route) {
    gv1::HTTPBackendRef ref;
    ref.set_group("");
    ref.set_kind("Service");
    ref.set_name(service.name());
    ref.set_weight(1);
    if (service.port().number() != 0) {
      ref.set_port(service.port().number());
      return ref;
    }
    const std::string& namespace_ = ingress_.metadata().namespace_();
    if (auto number = services_.number_of(namespace_, service.name(), service.port().name())) {
      ref.set_port(*number);
    } else {
      note(field + ".service.port.name",
           "Service " + namespace_ + "/" + service.name() + " has no port named \"" +
               service.port().name() + "\" here; the backendRef has no port",
           route);
    }
    return ref;
  }

  gv1::HTTPRoute route_named(const std::string& name) const {
    gv1::HTTPRoute route;
    route.set_api_version(kApiVersion);
    route.set_kind("HTTPRoute");
    auto* metadata = route.mutable_metadata();
    metadata->set_name(name);
    metadata->set_namespace_(ingress_.metadata().namespace_());
    // The routes of an older Ingress win ties, as the Ingress's own precedence would have it.
    if (!ingress_.metadata().creation_timestamp().empty())
      metadata->set_creation_timestamp(ingress_.metadata().creation_timestamp());
    (*metadata->mutable_labels())["lintel.io/ingress"] = ingress_.metadata().name();
    (*metadata->mutable_annotations())[kWildcardsAnnotation] = kSingleLabelWildcards;
    gv1::ParentReference* parent = route.mutable_spec()->add_parent_refs();
    parent->set_group(kGatewayGroup);
    parent->set_kind("Gateway");
    parent->set_namespace_(kGatewayNamespace);
    parent->set_name(gateway_);
    parent->set_section_name("http");
    return route;
  }

  void note(std::string field, std::string message, std::string route) {
    std::string route_key = route.empty() ? "" : ingress_.metadata().namespace_() + "/" + route;
    result_.notes.push_back(
        ConversionNote{key_, std::move(field), std::move(message), std::move(route_key)});
  }

  const api::Ingress& ingress_;
  std::string gateway_;
  const ServicePorts& services_;
  ConversionResult& result_;
  std::string key_;
};

gv1::GatewayClass gateway_class_named(const std::string& name) {
  gv1::GatewayClass gateway_class;
  gateway_class.set_api_version(kApiVersion);
  gateway_class.set_kind("GatewayClass");
  gateway_class.mutable_metadata()->set_name(name);
  gateway_class.mutable_spec()->set_controller_name(kGatewayControllerName);
  gateway_class.mutable_spec()->set_description("Converted from IngressClass " + name);
  detail::set_pending_status(gateway_class);
  return gateway_class;
}

gv1::Gateway gateway_named(const std::string& name, std::int32_t http_port) {
  gv1::Gateway gateway;
  gateway.set_api_version(kApiVersion);
  gateway.set_kind("Gateway");
  gateway.mutable_metadata()->set_name(name);
  gateway.mutable_metadata()->set_namespace_(kGatewayNamespace);
  gateway.mutable_spec()->set_gateway_class_name(name);
  gv1::Listener* listener = gateway.mutable_spec()->add_listeners();
  listener->set_name("http");
  listener->set_port(http_port);
  listener->set_protocol("HTTP");
  listener->mutable_allowed_routes()->mutable_namespaces()->set_from("All");
  detail::set_pending_status(gateway);
  return gateway;
}

}  // namespace

ConversionResult convert_ingresses(const std::vector<const api::Ingress*>& ingresses,
                                   const std::vector<const api::IngressClass*>& classes,
                                   const std::vector<const api::Service*>& services,
                                   const ConversionOptions& options) {
  ConversionResult result;
  IngressClassSelector selector(classes, options.class_selection);
  ServicePorts ports(services);
  std::set<std::string> used_classes;
  std::vector<const api::Ingress*> converted;
  for (const auto* ingress : ingresses) {
    auto ingress_class = selector.class_of(*ingress);
    if (!ingress_class) continue;
    used_classes.insert(*ingress_class);
    IngressConverter(*ingress, *ingress_class, ports, result).convert();
    converted.push_back(ingress);
  }
  apply_ingress_nginx_annotations(converted, result.http_routes, result.notes);
  if (options.always_emit_default_gateway)
    used_classes.insert(options.class_selection.ingress_class);
  for (const auto& name : used_classes) {
    result.gateway_classes.push_back(gateway_class_named(name));
    result.gateways.push_back(gateway_named(name, options.http_port));
  }
  auto by_key = [](const gv1::HTTPRoute& a, const gv1::HTTPRoute& b) {
    return std::tie(a.metadata().namespace_(), a.metadata().name()) <
           std::tie(b.metadata().namespace_(), b.metadata().name());
  };
  std::sort(result.http_routes.begin(), result.http_routes.end(), by_key);
  // By Ingress, each Ingress's notes in field order, whatever the order of `ingresses`.
  std::stable_sort(
      result.notes.begin(), result.notes.end(),
      [](const ConversionNote& a, const ConversionNote& b) { return a.ingress < b.ingress; });
  return result;
}

}  // namespace lintel::conversion
