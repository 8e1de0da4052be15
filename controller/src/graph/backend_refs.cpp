#include "backend_refs.h"

#include <algorithm>

#include "protocols.h"
#include "reference_grants.h"

namespace lintel::controller::graph {

namespace {

// HTTPBackendRef and the BackendObjectReference of a mirror share these fields.
template <typename Ref>
ResolvedRef resolve_service(const gw::HTTPRoute& route, const Ref& ref, const Lookup& lookup) {
  const std::string& route_namespace = route.metadata().namespace_();
  ResolvedRef out;
  out.namespace_ = ref.has_namespace_() ? ref.namespace_() : route_namespace;
  out.name = ref.name();
  std::string name = object_name(out.namespace_, out.name);
  auto fail = [&](const char* reason, std::string message) {
    out.reason = reason;
    out.message = std::move(message);
    return out;
  };
  if (ref.group() != "" || ref.kind() != "Service")
    return fail("InvalidKind", "backendRef " + name + " is of kind " +
                                   kind_name(ref.group(), ref.kind()) +
                                   "; Lintel routes to Services only");
  if (!reference_permitted(lookup.reference_grants(), {kGatewayGroup, "HTTPRoute", route_namespace},
                           {"", "Service", out.namespace_, out.name}))
    return fail("RefNotPermitted", "Service " + name +
                                       " is in another namespace and no ReferenceGrant there "
                                       "allows HTTPRoutes from " +
                                       route_namespace + " to use it");
  const api::Service* service = lookup.service(out.namespace_, out.name);
  if (!service) return fail("BackendNotFound", "Service " + name + " does not exist");
  if (!ref.has_port()) return fail("BackendNotFound", "backendRef " + name + " has no port");
  // HTTP goes over TCP: a port number served over UDP only cannot take the route's requests.
  bool has_port = std::any_of(service->spec().ports().begin(), service->spec().ports().end(),
                              [&](const api::ServicePort& port) {
                                return port.port() == ref.port() && port.protocol() == "TCP";
                              });
  if (!has_port)
    return fail("BackendNotFound",
                "Service " + name + " has no port " + std::to_string(ref.port()));
  out.service = service;
  return out;
}

ResolvedRef resolve_extension(const gw::LocalObjectReference& ref) {
  ResolvedRef out;
  out.name = ref.name();
  out.reason = "InvalidKind";
  out.message = "extensionRef " + ref.name() + " is of kind " + kind_name(ref.group(), ref.kind()) +
                "; Lintel has no filter of that kind";
  return out;
}

// The reference a filter makes, if any.
std::optional<ResolvedRef> resolve_filter(const gw::HTTPRoute& route,
                                          const gw::HTTPRouteFilter& filter, const Lookup& lookup) {
  if (filter.type() == "RequestMirror")
    return resolve_service(route, filter.request_mirror().backend_ref(), lookup);
  if (filter.type() == "ExtensionRef") return resolve_extension(filter.extension_ref());
  return std::nullopt;
}

// An unresolved ExtensionRef cannot be skipped; an unresolved mirror is only dropped.
bool blocks_requests(const gw::HTTPRouteFilter& filter, const std::optional<ResolvedRef>& ref) {
  return filter.type() == "ExtensionRef" && ref && !ref->resolved();
}

void note(const std::optional<ResolvedRef>& ref, std::vector<Problem>& problems) {
  if (ref && !ref->resolved()) problems.push_back({ref->reason, ref->message});
}

}  // namespace

RouteRefs resolve_route_refs(const gw::HTTPRoute& route, const Lookup& lookup) {
  RouteRefs out;
  for (const auto& rule : route.spec().rules()) {
    ResolvedRule& resolved = out.rules.emplace_back();
    for (const auto& filter : rule.filters()) {
      auto ref = resolve_filter(route, filter, lookup);
      if (blocks_requests(filter, ref)) resolved.filters_usable = false;
      note(ref, out.problems);
      resolved.filters.push_back(std::move(ref));
    }
    for (const auto& backend : rule.backend_refs()) {
      ResolvedBackend& entry = resolved.backend_refs.emplace_back();
      entry.ref = resolve_service(route, backend, lookup);
      note(entry.ref, out.problems);
      entry.usable = entry.ref.resolved();
      for (const auto& filter : backend.filters()) {
        auto ref = resolve_filter(route, filter, lookup);
        if (blocks_requests(filter, ref)) entry.usable = false;
        note(ref, out.problems);
        entry.filters.push_back(std::move(ref));
      }
    }
  }
  return out;
}

}  // namespace lintel::controller::graph
