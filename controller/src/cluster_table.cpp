#include "cluster_table.h"

namespace lintel::controller {

std::optional<std::string> ClusterTable::cluster_for(const graph::ResolvedRef& ref,
                                                     std::int32_t port) {
  if (!ref.resolved() || !ref.service) return std::nullopt;
  UnresolvedService why;
  auto service = services_.resolve(ref.namespace_, ref.name, port, why);
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
  if (uses_) uses_->push_back({&ref, port, service->cluster_name});
  return service->cluster_name;
}

std::vector<snapshot::v1::Cluster> ClusterTable::take() {
  std::vector<snapshot::v1::Cluster> out;
  out.reserve(clusters_.size());
  for (auto& [name, cluster] : clusters_) out.push_back(std::move(cluster));
  clusters_.clear();
  return out;
}

}  // namespace lintel::controller
