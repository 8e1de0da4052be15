#include "route_attachment.h"

#include <optional>

#include "../hostname_intersection.h"
#include "conditions.h"
#include "label_selector.h"
#include "listeners.h"
#include "problem.h"

namespace lintel::controller::graph {

namespace {

bool selects(const gw::ParentReference& parent_ref, const gw::Listener& listener) {
  return (!parent_ref.has_section_name() || parent_ref.section_name() == listener.name()) &&
         (!parent_ref.has_port() || parent_ref.port() == listener.port());
}

bool namespace_allowed(const gw::Listener& listener, const std::string& parent_namespace,
                       const std::string& route_namespace, const Lookup& lookup) {
  const gw::RouteNamespaces& namespaces = listener.allowed_routes().namespaces();
  std::string from = namespaces.has_from() ? namespaces.from() : "Same";
  if (from == "All") return true;
  if (from == "Same") return route_namespace == parent_namespace;
  if (from == "Selector")
    return namespaces.has_selector() &&
           selector_matches(namespaces.selector(), lookup.namespace_labels(route_namespace));
  return false;
}

std::string no_matching_parent_message(const gw::ParentReference& parent_ref,
                                       const std::string& parent_name) {
  std::string message = parent_name + " has no listener";
  if (parent_ref.has_section_name()) message += " named " + parent_ref.section_name();
  if (parent_ref.has_port()) message += " on port " + std::to_string(parent_ref.port());
  return message;
}

template <typename Node>
RouteParent parent_of(const char* kind, const Node& node, const meta::v1::ObjectMeta& meta) {
  RouteParent out;
  out.name = std::string(kind) + " " + object_name(meta.namespace_(), meta.name());
  out.namespace_ = meta.namespace_();
  if (refused_for_itself(node.status.conditions())) out.refusal = out.name + " is not accepted";
  out.listeners = &node.listeners;
  out.statuses = &node.status.listeners();
  return out;
}

}  // namespace

bool refused_for_itself(const Conditions& conditions) {
  for (const auto& condition : conditions)
    if (condition.type() == "Accepted")
      return condition.status() != "True" && condition.reason() != "ListenersNotValid";
  return true;
}

RouteParent route_parent(const GatewayNode& gateway) {
  return parent_of("Gateway", gateway, gateway.gateway->metadata());
}

RouteParent route_parent(const ListenerSetNode& listener_set) {
  return parent_of("ListenerSet", listener_set, listener_set.listener_set->metadata());
}

ParentAttachment attach_route(const gw::HTTPRoute& route, const gw::ParentReference& parent_ref,
                              const RouteParent& parent, const Lookup& lookup) {
  std::int64_t generation = route.metadata().generation();
  std::vector<std::string> route_hostnames(route.spec().hostnames().begin(),
                                           route.spec().hostnames().end());
  ParentAttachment out;
  auto refuse = [&](const char* reason, const std::string& message) {
    out.listeners.clear();
    out.accepted = make_condition("Accepted", false, reason, message, generation);
    return out;
  };
  if (parent.refusal) return refuse("NoMatchingParent", *parent.refusal);

  bool selected = false, kind_allowed = false, allowed = false;
  std::string attached_names;
  for (std::size_t i = 0; i < parent.listeners->size(); ++i) {
    const gw::Listener& listener = *(*parent.listeners)[i].spec;
    if (!selects(parent_ref, listener)) continue;
    selected = true;
    if (!supports_http_routes((*parent.statuses)[static_cast<int>(i)])) continue;
    kind_allowed = true;
    if (!namespace_allowed(listener, parent.namespace_, route.metadata().namespace_(), lookup))
      continue;
    allowed = true;
    std::optional<std::string> listener_hostname;
    if (listener.has_hostname()) listener_hostname = listener.hostname();
    std::vector<std::string> hostnames = intersect_hostnames(listener_hostname, route_hostnames);
    if (hostnames.empty()) continue;
    out.listeners.push_back({i, std::move(hostnames)});
    attached_names += (attached_names.empty() ? "" : ", ") + listener.name();
  }
  if (!selected)
    return refuse("NoMatchingParent", no_matching_parent_message(parent_ref, parent.name));
  if (!kind_allowed)
    return refuse("NotAllowedByListeners", "No listener of " + parent.name +
                                               " that the parentRef selects allows HTTPRoutes");
  if (!allowed)
    return refuse("NotAllowedByListeners",
                  "No listener of " + parent.name +
                      " that the parentRef selects allows routes from namespace " +
                      route.metadata().namespace_());
  if (out.listeners.empty())
    return refuse("NoMatchingListenerHostname",
                  "No hostname of the route matches a listener of " + parent.name);
  out.accepted = make_condition(
      "Accepted", true, "Accepted",
      "Attached to " + parent.name + " through listeners: " + attached_names, generation);
  return out;
}

}  // namespace lintel::controller::graph
