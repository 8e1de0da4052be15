#include "lintel/controller/service_resolver.h"

#include <algorithm>

namespace lintel::controller {

ServiceResolver::ServiceResolver(std::vector<const api::Service*> services,
                                 std::vector<const api::EndpointSlice*> slices) {
  for (const auto* service : services)
    services_[{service->metadata().namespace_(), service->metadata().name()}] = service;
  for (const auto* slice : slices) {
    auto owner = slice->metadata().labels().find(api::kServiceNameLabel);
    if (owner != slice->metadata().labels().end())
      slices_[{slice->metadata().namespace_(), owner->second}].push_back(slice);
  }
}

std::optional<ResolvedService> ServiceResolver::resolve(const std::string& namespace_,
                                                        const std::string& name,
                                                        std::int32_t port_number,
                                                        UnresolvedService& why) const {
  auto found = services_.find({namespace_, name});
  const api::Service* service = found == services_.end() ? nullptr : found->second;
  if (!service) {
    why = {"BackendNotFound", "service \"" + namespace_ + "/" + name + "\" not found"};
    return std::nullopt;
  }
  const api::ServicePort* port = nullptr;
  for (const auto& candidate : service->spec().ports()) {
    // A port number may be served over TCP and UDP under two names; HTTP is the TCP one.
    if (candidate.port() == port_number && candidate.protocol() == "TCP") port = &candidate;
  }
  if (!port) {
    why = {"BackendNotFound", "service \"" + namespace_ + "/" + name + "\" has no TCP port " +
                                  std::to_string(port_number)};
    return std::nullopt;
  }

  ResolvedService resolved;
  resolved.cluster_name = namespace_ + "/" + name + ":" + std::to_string(port->port());
  static const std::vector<const api::EndpointSlice*> kNoSlices;
  auto owned = slices_.find({namespace_, name});
  for (const auto* slice : owned == slices_.end() ? kNoSlices : owned->second) {
    // EndpointSlice ports carry the Service port's name; an unnamed Service port has an
    // unnamed slice port.
    std::optional<std::int32_t> target;
    for (const auto& slice_port : slice->ports()) {
      if (slice_port.name() == port->name() && slice_port.has_port()) target = slice_port.port();
    }
    if (!target) continue;
    for (const auto& endpoint : slice->endpoints()) {
      const auto& conditions = endpoint.conditions();
      if (conditions.has_ready() && !conditions.ready()) continue;
      for (const auto& address : endpoint.addresses()) {
        resolved.endpoints.push_back({address, static_cast<std::uint32_t>(*target)});
      }
    }
  }
  std::sort(resolved.endpoints.begin(), resolved.endpoints.end());
  resolved.endpoints.erase(std::unique(resolved.endpoints.begin(), resolved.endpoints.end()),
                           resolved.endpoints.end());
  return resolved;
}

}  // namespace lintel::controller
