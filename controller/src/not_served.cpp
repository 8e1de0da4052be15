#include "lintel/controller/not_served.h"

#include <array>
#include <string_view>

#include "not_served_filters.h"

namespace lintel::controller {

namespace {

namespace gv1 = gateway::v1;

// The kinds Lintel serves or reads for what it serves; Leases are its own.
constexpr std::array<std::string_view, 13> kKindsUsed = {
    "ConfigMap",      "GatewayClass", "Gateway",     "ListenerSet", "HTTPRoute",
    "ReferenceGrant", "Secret",       "Lease",       "Service",     "Namespace",
    "EndpointSlice",  "Ingress",      "IngressClass"};

template <typename T>
std::string name_of(const T& object) {
  return object.kind() + " " + object.metadata().namespace_() + "/" + object.metadata().name();
}

}  // namespace

template <typename ListenerOwner>
std::vector<std::string> not_served_listeners(const ListenerOwner& owner) {
  std::vector<std::string> out;
  std::string name = name_of(owner);
  for (const auto& listener : owner.spec().listeners()) {
    if (listener.protocol() == "HTTP" || listener.protocol() == "HTTPS") continue;
    out.push_back(name + " listener " + listener.name() + ": protocol " + listener.protocol());
  }
  return out;
}

std::vector<std::string> not_served(const gv1::Gateway& gateway) {
  return not_served_listeners(gateway);
}

std::vector<std::string> not_served(const gv1::ListenerSet& listener_set) {
  return not_served_listeners(listener_set);
}

std::vector<std::string> not_served(const gv1::HTTPRoute& route) {
  std::vector<std::string> out;
  std::string name = name_of(route);
  if (route.spec().has_use_default_gateways()) out.push_back(name + " spec.useDefaultGateways");
  for (int p = 0; p < route.spec().parent_refs_size(); ++p) {
    const auto& parent = route.spec().parent_refs(p);
    if (parent.group() != "gateway.networking.k8s.io" ||
        (parent.kind() != "Gateway" && parent.kind() != "ListenerSet"))
      out.push_back(name + " " + indexed("spec.parentRefs", p) + ": parent kind " + parent.kind());
  }
  for (int r = 0; r < route.spec().rules_size(); ++r) {
    const auto& rule = route.spec().rules(r);
    std::string where = name + " " + indexed("spec.rules", r);
    not_served_rule_filters(rule.filters(), where + ".filters", out);
    if (rule.has_session_persistence()) out.push_back(where + ".sessionPersistence");
    for (int b = 0; b < rule.backend_refs_size(); ++b) {
      not_served_backend_filters(rule.backend_refs(b).filters(),
                                 where + "." + indexed("backendRefs", b) + ".filters", out);
    }
  }
  return out;
}

std::vector<std::string> not_served(const api::SchemaObject& object) {
  if (const auto* gateway = object.as<gv1::Gateway>()) return not_served(*gateway);
  if (const auto* listener_set = object.as<gv1::ListenerSet>()) return not_served(*listener_set);
  if (const auto* route = object.as<gv1::HTTPRoute>()) return not_served(*route);
  for (std::string_view kind : kKindsUsed)
    if (object.kind == kind) return {};
  std::string name = object.metadata.namespace_.empty()
                         ? object.metadata.name
                         : object.metadata.namespace_ + "/" + object.metadata.name;
  return {object.kind + " " + name + ": the kind is not served"};
}

}  // namespace lintel::controller
