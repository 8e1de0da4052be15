#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "lintel/controller/service_resolver.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// A cluster used through ClusterTable::cluster_for, with what it was asked.
struct ClusterUse {
  const graph::ResolvedRef* ref = nullptr;
  std::int32_t port = 0;
  std::string name;
};

// The clusters of one snapshot: every Service port a served route forwards or mirrors to, each
// once, with its ready endpoints.
class ClusterTable {
 public:
  explicit ClusterTable(const ServiceResolver& services) : services_(services) {}

  // The cluster of a Service reference the graph resolved, added on first use; nullopt when
  // the reference did not resolve or the Service has no TCP port of that number.
  std::optional<std::string> cluster_for(const graph::ResolvedRef& ref, std::int32_t port);

  // Notes every cluster cluster_for names in `uses` from now on; nullptr stops.
  void record(std::vector<ClusterUse>* uses) { uses_ = uses; }
  // Whether the cluster `name` has been used.
  bool has(const std::string& name) const { return clusters_.count(name) != 0; }

  // The clusters used, by name.
  std::vector<snapshot::v1::Cluster> take();

 private:
  const ServiceResolver& services_;
  std::map<std::string, snapshot::v1::Cluster> clusters_;
  std::vector<ClusterUse>* uses_ = nullptr;
};

}  // namespace lintel::controller
