#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane::testing {

// A snapshot with one listener on 127.0.0.1:`port` whose only route sends every host and path
// to `cluster`, which has the one endpoint 127.0.0.1:`upstream_port`.
inline std::shared_ptr<snapshot::v1::Snapshot> one_route_snapshot(std::uint16_t port,
                                                                  const std::string& cluster,
                                                                  std::uint16_t upstream_port) {
  namespace v1 = snapshot::v1;
  auto snapshot = std::make_shared<v1::Snapshot>();
  snapshot->set_version(1);
  auto* listener = snapshot->add_listeners();
  listener->set_name("gw");
  listener->set_address("127.0.0.1");
  listener->set_port(port);
  auto* host = listener->add_virtual_hosts();
  host->add_domains("*");
  auto* route = host->add_routes();
  route->set_name("all");
  route->mutable_path()->set_type(v1::PathMatch::PREFIX);
  route->mutable_path()->set_value("/");
  auto* weighted = route->mutable_forward()->add_clusters();
  weighted->set_cluster(cluster);
  weighted->set_weight(1);
  auto* target = snapshot->add_clusters();
  target->set_name(cluster);
  auto* endpoint = target->add_endpoints();
  endpoint->set_address("127.0.0.1");
  endpoint->set_port(upstream_port);
  return snapshot;
}

}  // namespace lintel::dataplane::testing
