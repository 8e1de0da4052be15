#include "route_attachment.h"

#include <optional>

#include "../hostname_intersection.h"
#include "conditions.h"
#include "label_selector.h"
#include "listeners.h"
#include "problem.h"

namespace lintel::controller::graph {

namespace {

// Whether the Gateway refused to be accepted for a reason of its own rather than because of
// its listeners; such a Gateway serves nothing, so routes do not attach to it.
bool gateway_refuses_routes(const GatewayNode& gateway) {
  for (const auto& condition : gateway.status.conditions())
    if (condition.type() == "Accepted")
      return condition.status() != "True" && condition.reason() != "ListenersNotValid";
  return true;
}

bool selects(const gw::ParentReference& parent_ref, const gw::Listener& listener) {
  return (!parent_ref.has_section_name() || parent_ref.section_name() == listener.name()) &&
         (!parent_ref.has_port() || parent_ref.port() == listener.port());
}

bool namespace_allowed(const gw::Listener& listener, const gw::Gateway& gateway,
                       const std::string& route_namespace, const Lookup& lookup) {
  const gw::RouteNamespaces& namespaces = listener.allowed_routes().namespaces();
  std::string from = namespaces.has_from() ? namespaces.from() : "Same";
  if (from == "All") return true;
  if (from == "Same") return route_namespace == gateway.metadata().namespace_();
  if (from == "Selector")
    return namespaces.has_selector() &&
           selector_matches(namespaces.selector(), lookup.namespace_labels(route_namespace));
  return false;
}

std::string no_matching_parent_message(const gw::ParentReference& parent_ref,
                                       const std::string& gateway_name) {
  std::string message = "Gateway " + gateway_name + " has no listener";
  if (parent_ref.has_section_name()) message += " named " + parent_ref.section_name();
  if (parent_ref.has_port()) message += " on port " + std::to_string(parent_ref.port());
  return message;
}

}  // namespace

ParentAttachment attach_route(const gw::HTTPRoute& route, const gw::ParentReference& parent_ref,
                              const GatewayNode& gateway, const Lookup& lookup) {
  const gw::Gateway& spec = *gateway.gateway;
  std::string gateway_name = object_name(spec.metadata().namespace_(), spec.metadata().name());
  std::int64_t generation = route.metadata().generation();
  std::vector<std::string> route_hostnames(route.spec().hostnames().begin(),
                                           route.spec().hostnames().end());
  ParentAttachment out;
  auto refuse = [&](const char* reason, const std::string& message) {
    out.listeners.clear();
    out.accepted = make_condition("Accepted", false, reason, message, generation);
    return out;
  };
  if (gateway_refuses_routes(gateway))
    return refuse("NoMatchingParent", "Gateway " + gateway_name + " is not accepted");

  bool selected = false, kind_allowed = false, allowed = false;
  std::string attached_names;
  for (std::size_t i = 0; i < gateway.listeners.size(); ++i) {
    const gw::Listener& listener = *gateway.listeners[i].spec;
    if (!selects(parent_ref, listener)) continue;
    selected = true;
    if (!supports_http_routes(gateway.status.listeners(static_cast<int>(i)))) continue;
    kind_allowed = true;
    if (!namespace_allowed(listener, spec, route.metadata().namespace_(), lookup)) continue;
    allowed = true;
    std::optional<std::string> listener_hostname;
    if (listener.has_hostname()) listener_hostname = listener.hostname();
    std::vector<std::string> hostnames = intersect_hostnames(listener_hostname, route_hostnames);
    if (hostnames.empty()) continue;
    out.listeners.push_back({i, std::move(hostnames)});
    attached_names += (attached_names.empty() ? "" : ", ") + listener.name();
  }
  if (!selected)
    return refuse("NoMatchingParent", no_matching_parent_message(parent_ref, gateway_name));
  if (!kind_allowed)
    return refuse("NotAllowedByListeners", "No listener of Gateway " + gateway_name +
                                               " that the parentRef selects allows HTTPRoutes");
  if (!allowed)
    return refuse("NotAllowedByListeners",
                  "No listener of Gateway " + gateway_name +
                      " that the parentRef selects allows routes from namespace " +
                      route.metadata().namespace_());
  if (out.listeners.empty())
    return refuse("NoMatchingListenerHostname",
                  "No hostname of the route matches a listener of Gateway " + gateway_name);
  out.accepted = make_condition(
      "Accepted", true, "Accepted",
      "Attached to Gateway " + gateway_name + " through listeners: " + attached_names, generation);
  return out;
}

}  // namespace lintel::controller::graph
