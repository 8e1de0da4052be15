#include "lintel/conversion/ingress_to_gateway.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "annotations/canary_merge.h"
#include "annotations/ingress_nginx_annotations.h"
#include "host_names.h"
#include "lintel/conversion/internal_annotations.h"
#include "pending_status.h"
#include "ssl_redirect.h"
#include "tls_listener_plan.h"

namespace lintel::conversion {

namespace gv1 = gateway::v1;

namespace {

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";
constexpr const char* kApiVersion = "gateway.networking.k8s.io/v1";

std::string key_of(const meta::v1::ObjectMeta& metadata) {
  return metadata.namespace_() + "/" + metadata.name();
}

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

struct GatewayKey {
  std::string namespace_;
  std::string name;  // the IngressClass's
  auto operator<=>(const GatewayKey&) const = default;
};

// One Gateway's shared state while its Ingresses convert: its HTTPS listeners, and which
// Ingress holds each (host, path) so that a later one is reported instead of shadowed.
struct GatewayState {
  detail::TlsListenerPlan tls;
  std::map<std::tuple<std::string, bool, std::string>, std::string> claimed_paths;
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

// Two paths that match the same requests have one claim: Prefix and ImplementationSpecific
// alike, and element-wise prefixes without their trailing slashes.
std::tuple<std::string, bool, std::string> claim_of(const std::string& host,
                                                    const api::HTTPIngressPath& path) {
  bool exact = path.path_type() == "Exact";
  std::string value = path.path().empty() ? "/" : path.path();
  if (!exact) {
    while (value.size() > 1 && value.back() == '/') value.pop_back();
  }
  return {host, exact, value};
}

struct ConversionContext {
  const ServicePorts& services;
  const ConversionOptions& options;
  const IngressNginxSettings& settings;
  ConversionResult& result;
};

class IngressConverter {
 public:
  IngressConverter(const api::Ingress& ingress, GatewayKey gateway, GatewayState& state,
                   const ConversionContext& context)
      : ingress_(ingress),
        gateway_(std::move(gateway)),
        state_(state),
        context_(context),
        key_(key_of(ingress.metadata())) {}

  // The Ingress's HTTPRoutes, in name order; the HTTPS listeners are the Gateway's (state).
  std::vector<gv1::HTTPRoute> convert() {
    // Rules that share a host (several rules may name one host) become one route.
    std::map<std::string, std::vector<gv1::HTTPRouteRule>> rules_by_host;
    for (int i = 0; i < ingress_.spec().rules_size(); ++i) {
      const auto& rule = ingress_.spec().rules(i);
      auto& rules = rules_by_host[rule.host()];
      for (int j = 0; j < rule.http().paths_size(); ++j) {
        const auto& path = rule.http().paths(j);
        std::string field =
            "spec.rules[" + std::to_string(i) + "].http.paths[" + std::to_string(j) + "]";
        if (auto converted = rule_of(rule.host(), path, field, route_name(rule.host())))
          rules.push_back(std::move(*converted));
      }
    }
    std::vector<gv1::HTTPRoute> routes;
    for (auto& [host, rules] : rules_by_host) {
      if (rules.empty()) continue;
      gv1::HTTPRoute route = route_named(route_name(host));
      if (!host.empty()) route.mutable_spec()->add_hostnames(host);
      for (auto& rule : rules) *route.mutable_spec()->add_rules() = std::move(rule);
      routes.push_back(std::move(route));
    }
    if (auto route = default_backend_route()) routes.push_back(std::move(*route));
    // Per-Ingress settings (its annotations) refine these routes here, before the global
    // defaults fill what they left unset and the redirect twins copy the final matches.
    apply_global_settings(routes);
    add_ssl_redirects(routes);
    return routes;
  }

 private:
  std::string route_name(const std::string& host) const {
    return ingress_.metadata().name() + "-" +
           (host.empty() ? "all-hosts" : detail::host_slug(host));
  }

  // Whether this Ingress may have the path: the first Ingress of the Gateway to name it keeps
  // it (an Ingress never conflicts with itself: its own rule order decides).
  bool claim(const std::string& host, const api::HTTPIngressPath& path, const std::string& field) {
    // A canary shares its main Ingress's paths by design: the annotations merge its routes into
    // the main Ingress's, or report them when there is none.
    if (annotations::is_canary(ingress_)) return true;
    auto [found, inserted] = state_.claimed_paths.try_emplace(claim_of(host, path), key_);
    if (inserted || found->second == key_) return true;
    note(field,
         path.path_type() + " " + (path.path().empty() ? "/" : path.path()) + " for " +
             (host.empty() ? std::string("every host") : "host " + host) +
             " is already routed by Ingress " + found->second +
             ", which takes precedence (older, or first by namespace/name); it is not served "
             "from this Ingress",
         "", Outcome::unsupported);
    return false;
  }

  std::optional<gv1::HTTPRouteRule> rule_of(const std::string& host,
                                            const api::HTTPIngressPath& path,
                                            const std::string& field, const std::string& route) {
    if (!path.backend().has_service()) {
      note(field + ".backend.resource",
           "resource backends are not supported; this path is not served", "",
           Outcome::unsupported);
      return std::nullopt;
    }
    if (!claim(host, path, field)) return std::nullopt;
    gv1::HTTPRouteRule rule;
    *rule.add_matches() = path_match_of(path);
    *rule.add_backend_refs() = backend_ref_of(path.backend().service(), field + ".backend", route);
    return rule;
  }

  std::optional<gv1::HTTPRoute> default_backend_route() {
    if (!ingress_.spec().has_default_backend()) return std::nullopt;
    const auto& backend = ingress_.spec().default_backend();
    if (!backend.has_service()) {
      note("spec.defaultBackend.resource",
           "resource backends are not supported; the default backend is not served", "",
           Outcome::unsupported);
      return std::nullopt;
    }
    api::HTTPIngressPath everything;
    everything.set_path("/");
    everything.set_path_type("Prefix");
    if (!claim("", everything, "spec.defaultBackend")) return std::nullopt;
    std::string name = ingress_.metadata().name() + "-default-backend";
    gv1::HTTPRoute route = route_named(name);
    gv1::HTTPRouteRule* rule = route.mutable_spec()->add_rules();
    rule->set_name("default-backend");
    *rule->add_matches() = match_of("PathPrefix", "/");
    *rule->add_backend_refs() = backend_ref_of(backend.service(), "spec.defaultBackend", name);
    return route;
  }

  void apply_global_settings(std::vector<gv1::HTTPRoute>& routes) const {
    const auto& timeout = context_.settings.backend_request_timeout;
    if (!timeout) return;
    for (auto& route : routes) {
      for (auto& rule : *route.mutable_spec()->mutable_rules())
        if (!rule.timeouts().has_backend_request())
          rule.mutable_timeouts()->set_backend_request(*timeout);
    }
  }

  // Plain HTTP for a TLS host redirects to HTTPS: the route leaves the HTTP listener to a twin
  // with the same matches and a redirect, so that exactly its paths redirect.
  void add_ssl_redirects(std::vector<gv1::HTTPRoute>& routes) const {
    if (!detail::ssl_redirect_wanted(ingress_, context_.settings)) return;
    std::vector<gv1::HTTPRoute> redirects;
    for (auto& route : routes) {
      if (route.spec().hostnames_size() == 0 || !state_.tls.is_tls_host(route.spec().hostnames(0)))
        continue;
      auto* parents = route.mutable_spec()->mutable_parent_refs();
      parents->erase(std::remove_if(parents->begin(), parents->end(),
                                    [](const gv1::ParentReference& parent) {
                                      return parent.section_name() == "http";
                                    }),
                     parents->end());
      gv1::HTTPRoute redirect = route_named(route.metadata().name() + "-ssl-redirect");
      redirect.mutable_spec()->clear_parent_refs();
      *redirect.mutable_spec()->add_parent_refs() = parent_ref("http");
      *redirect.mutable_spec()->mutable_hostnames() = route.spec().hostnames();
      for (const auto& rule : route.spec().rules()) {
        gv1::HTTPRouteRule* twin = redirect.mutable_spec()->add_rules();
        *twin->mutable_matches() = rule.matches();
        gv1::HTTPRouteFilter* filter = twin->add_filters();
        filter->set_type("RequestRedirect");
        filter->mutable_request_redirect()->set_scheme("https");
        if (context_.options.https_port != 443)
          filter->mutable_request_redirect()->set_port(context_.options.https_port);
        // ingress-nginx's own code for it (http-redirect-code).
        filter->mutable_request_redirect()->set_status_code(308);
      }
      redirects.push_back(std::move(redirect));
    }
    for (auto& redirect : redirects) routes.push_back(std::move(redirect));
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
    if (auto number =
            context_.services.number_of(namespace_, service.name(), service.port().name())) {
      ref.set_port(*number);
    } else {
      note(field + ".service.port.name",
           "Service " + namespace_ + "/" + service.name() + " has no port named \"" +
               service.port().name() + "\" here; the backendRef has no port",
           route, Outcome::approximated);
    }
    return ref;
  }

  gv1::ParentReference parent_ref(const std::string& section) const {
    gv1::ParentReference parent;
    parent.set_group(kGatewayGroup);
    parent.set_kind("Gateway");
    parent.set_namespace_(gateway_.namespace_);
    parent.set_name(gateway_.name);
    if (!section.empty()) parent.set_section_name(section);
    return parent;
  }

  // Attached to the HTTP listener, and to the HTTPS one when the Gateway has it.
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
    auto* parents = route.mutable_spec()->mutable_parent_refs();
    *parents->Add() = parent_ref("http");
    if (!state_.tls.empty()) *parents->Add() = parent_ref(detail::kHttpsListenerName);
    return route;
  }

  void note(std::string field, std::string message, std::string route, Outcome outcome) {
    std::string route_key = route.empty() ? "" : ingress_.metadata().namespace_() + "/" + route;
    context_.result.notes.push_back(
        ConversionNote{key_, std::move(field), std::move(message), std::move(route_key), outcome});
  }

  const api::Ingress& ingress_;
  GatewayKey gateway_;
  GatewayState& state_;
  const ConversionContext& context_;
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

gv1::Gateway gateway_of(const GatewayKey& key, const GatewayState& state,
                        const ConversionOptions& options) {
  gv1::Gateway gateway;
  gateway.set_api_version(kApiVersion);
  gateway.set_kind("Gateway");
  gateway.mutable_metadata()->set_name(key.name);
  gateway.mutable_metadata()->set_namespace_(key.namespace_);
  gateway.mutable_spec()->set_gateway_class_name(key.name);
  auto add_listener = [&](const std::string& name, std::int32_t port, const char* protocol) {
    gv1::Listener* listener = gateway.mutable_spec()->add_listeners();
    listener->set_name(name);
    listener->set_port(port);
    listener->set_protocol(protocol);
    listener->mutable_allowed_routes()->mutable_namespaces()->set_from(
        options.gateway_per_namespace ? "Same" : "All");
    return listener;
  };
  add_listener("http", options.http_port, "HTTP");
  if (!state.tls.empty()) {
    gv1::Listener* listener = add_listener(detail::kHttpsListenerName, options.https_port, "HTTPS");
    auto* tls = listener->mutable_tls();
    tls->set_mode("Terminate");
    for (const auto& [secret_namespace, secret_name] : state.tls.secrets()) {
      auto* ref = tls->add_certificate_refs();
      ref->set_group("");
      ref->set_kind("Secret");
      ref->set_name(secret_name);
      if (secret_namespace != key.namespace_) ref->set_namespace_(secret_namespace);
    }
  }
  detail::set_pending_status(gateway);
  return gateway;
}

// Lets the shared Gateways in kGatewayNamespace read the Secrets of one namespace.
gv1::ReferenceGrant reference_grant_for(const std::string& namespace_,
                                        const std::set<std::string>& secrets) {
  gv1::ReferenceGrant grant;
  grant.set_api_version("gateway.networking.k8s.io/v1beta1");
  grant.set_kind("ReferenceGrant");
  grant.mutable_metadata()->set_name(kReferenceGrantName);
  grant.mutable_metadata()->set_namespace_(namespace_);
  auto* from = grant.mutable_spec()->add_from();
  from->set_group(kGatewayGroup);
  from->set_kind("Gateway");
  from->set_namespace_(kGatewayNamespace);
  for (const auto& secret : secrets) {
    auto* to = grant.mutable_spec()->add_to();
    to->set_group("");
    to->set_kind("Secret");
    to->set_name(secret);
  }
  return grant;
}

// Precedence between Ingresses: older first (no timestamp counts as oldest), then by key.
bool precedes(const api::Ingress* a, const api::Ingress* b) {
  return std::tie(a->metadata().creation_timestamp(), a->metadata().namespace_(),
                  a->metadata().name()) < std::tie(b->metadata().creation_timestamp(),
                                                   b->metadata().namespace_(),
                                                   b->metadata().name());
}

}  // namespace

ConversionResult convert_ingresses(const std::vector<const api::Ingress*>& ingresses,
                                   const std::vector<const api::IngressClass*>& classes,
                                   const std::vector<const api::Service*>& services,
                                   const ConversionOptions& options,
                                   const std::vector<const api::ConfigMap*>& config_maps) {
  ConversionResult result;
  result.ingress_nginx = read_ingress_nginx_settings(config_maps, options.ingress_nginx_configmap);
  IngressClassSelector selector(classes, options.class_selection);
  ServicePorts ports(services);
  ConversionContext context{ports, options, result.ingress_nginx, result};

  std::vector<std::pair<const api::Ingress*, GatewayKey>> ours;
  for (const auto* ingress : ingresses) {
    auto ingress_class = selector.class_of(*ingress);
    if (!ingress_class) continue;
    std::string gateway_namespace =
        options.gateway_per_namespace ? ingress->metadata().namespace_() : kGatewayNamespace;
    ours.push_back({ingress, GatewayKey{gateway_namespace, *ingress_class}});
  }
  std::sort(ours.begin(), ours.end(),
            [](const auto& a, const auto& b) { return precedes(a.first, b.first); });

  // Listeners first: whether a host has HTTPS decides where every Ingress's routes for it go.
  std::map<GatewayKey, GatewayState> gateways;
  std::map<std::string, std::vector<std::string>> listeners_by_ingress;
  for (const auto& [ingress, gateway] : ours) {
    listeners_by_ingress[key_of(ingress->metadata())] =
        gateways[gateway].tls.add(*ingress, result.notes);
  }
  if (options.always_emit_default_gateway) {
    gateways.try_emplace(GatewayKey{kGatewayNamespace, options.class_selection.ingress_class});
  }
  std::set<std::string> used_classes;
  for (const auto& [ingress, gateway] : ours) {
    std::vector<gv1::HTTPRoute> routes =
        IngressConverter(*ingress, gateway, gateways[gateway], context).convert();
    IngressConversion conversion{
        key_of(ingress->metadata()), gateway.name, gateway.namespace_ + "/" + gateway.name, {}, {}};
    conversion.listeners = listeners_by_ingress[conversion.ingress];
    for (auto& route : routes) {
      conversion.routes.push_back(key_of(route.metadata()));
      result.http_routes.push_back(std::move(route));
    }
    std::sort(conversion.routes.begin(), conversion.routes.end());
    result.ingresses.push_back(std::move(conversion));
  }
  // Annotations refine every Ingress's routes at once: a canary's routes merge into its main
  // Ingress's.
  std::vector<const api::Ingress*> converted;
  for (const auto& [ingress, gateway] : ours) converted.push_back(ingress);
  apply_ingress_nginx_annotations(converted, result.http_routes, result.notes);
  std::set<std::string> kept_routes;
  for (const auto& route : result.http_routes) kept_routes.insert(key_of(route.metadata()));
  for (auto& conversion : result.ingresses) {
    std::erase_if(conversion.routes,
                  [&](const std::string& route) { return !kept_routes.count(route); });
  }

  std::map<std::string, std::set<std::string>> secrets_by_namespace;
  for (const auto& [key, state] : gateways) {
    used_classes.insert(key.name);
    result.gateways.push_back(gateway_of(key, state, options));
    for (const auto& [secret_namespace, secret_name] : state.tls.secrets()) {
      if (secret_namespace != key.namespace_)
        secrets_by_namespace[secret_namespace].insert(secret_name);
    }
  }
  for (const auto& name : used_classes) result.gateway_classes.push_back(gateway_class_named(name));
  for (const auto& [namespace_, secrets] : secrets_by_namespace)
    result.reference_grants.push_back(reference_grant_for(namespace_, secrets));

  auto by_key = [](const auto& a, const auto& b) {
    return std::tie(a.metadata().namespace_(), a.metadata().name()) <
           std::tie(b.metadata().namespace_(), b.metadata().name());
  };
  std::sort(result.http_routes.begin(), result.http_routes.end(), by_key);
  std::sort(result.gateways.begin(), result.gateways.end(), by_key);
  std::sort(
      result.ingresses.begin(), result.ingresses.end(),
      [](const IngressConversion& a, const IngressConversion& b) { return a.ingress < b.ingress; });
  // By Ingress, each Ingress's notes in field order, whatever the order of `ingresses`.
  std::stable_sort(
      result.notes.begin(), result.notes.end(),
      [](const ConversionNote& a, const ConversionNote& b) { return a.ingress < b.ingress; });
  return result;
}

}  // namespace lintel::conversion
