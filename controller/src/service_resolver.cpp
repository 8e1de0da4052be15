#include "lintel/controller/service_resolver.h"

#include <algorithm>

namespace lintel::controller {

ServiceResolver::ServiceResolver(std::vector<const api::Service*> services,
                                 std::vector<const api::EndpointSlice*> slices)
    : services_(std::move(services)), slices_(std::move(slices)) {}

std::optional<ResolvedService> ServiceResolver::resolve(const std::string& namespace_, const std::string& name,
                                                        std::optional<std::int32_t> port_number,
                                                        const std::string& port_name,
                                                        UnresolvedService& why) const {
  const api::Service* service = nullptr;
  for (const auto* candidate : services_) {
    if (candidate->metadata.namespace_ == namespace_ && candidate->metadata.name == name) service = candidate;
  }
  if (!service) {
    why = {"BackendNotFound", "service \"" + namespace_ + "/" + name + "\" not found"};
    return std::nullopt;
  }
  const api::ServicePort* port = nullptr;
  for (const auto& candidate : service->ports) {
    if (port_number ? candidate.port == *port_number : candidate.name == port_name) port = &candidate;
  }
  if (!port) {
    std::string wanted = port_number ? std::to_string(*port_number) : "\"" + port_name + "\"";
    why = {"BackendNotFound", "service \"" + namespace_ + "/" + name + "\" has no port " + wanted};
    return std::nullopt;
  }

  ResolvedService resolved;
  resolved.cluster_name = namespace_ + "/" + name + ":" + std::to_string(port->port);
  for (const auto* slice : slices_) {
    if (slice->metadata.namespace_ != namespace_) continue;
    auto owner = slice->metadata.labels.find(api::EndpointSlice::kServiceNameLabel);
    if (owner == slice->metadata.labels.end() || owner->second != name) continue;
    // EndpointSlice ports carry the Service port's name; an unnamed Service port has an
    // unnamed slice port.
    std::optional<std::int32_t> target;
    for (const auto& slice_port : slice->ports) {
      if (slice_port.name == port->name && slice_port.port) target = slice_port.port;
    }
    if (!target) continue;
    for (const auto& endpoint : slice->endpoints) {
      if (endpoint.conditions.ready.value_or(true) == false) continue;
      for (const auto& address : endpoint.addresses) {
        resolved.endpoints.push_back({address, static_cast<std::uint32_t>(*target)});
      }
    }
  }
  std::sort(resolved.endpoints.begin(), resolved.endpoints.end());
  resolved.endpoints.erase(std::unique(resolved.endpoints.begin(), resolved.endpoints.end()), resolved.endpoints.end());
  return resolved;
}

}  // namespace lintel::controller
