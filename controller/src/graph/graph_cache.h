#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graph.h"
#include "route_attachment.h"

namespace lintel::controller::graph {

// A message's bytes, the same for equal messages (map fields in key order).
std::string deterministic_bytes(const google::protobuf::Message& message);

// Whether two versions of an HTTPRoute agree in everything the graph and the translator read:
// name, generation, creation time, labels, annotations and spec.
bool same_route_inputs(const gw::HTTPRoute& a, const gw::HTTPRoute& b);

// One HTTPRoute as a graph build computed it, and what it was computed from.
struct ComputedRoute {
  std::shared_ptr<const RouteResolution> resolution;
  // One per parentRef: the state (GraphCache::parent_state) of the Gateway or ListenerSet of
  // Lintel's it names, 0 when it names none.
  std::vector<std::uint64_t> parent_states;
  // One per parentRef: the listeners of that parent the route attaches to.
  std::vector<std::vector<ListenerAttachment>> attachments;
};

// What one graph build leaves for the next: each route as computed, valid while the route object,
// the parents it names and the objects every route may read (Services, Namespaces,
// ReferenceGrants) are unchanged. Objects are told apart by address, which is why the objects of
// the last build must outlive the next one: no new object can then have an old one's address.
class GraphCache {
 public:
  // Starts a build; forgets every route when the objects every route may read changed.
  void begin(const GraphInput& input, const GraphOptions& options);
  // A number that names the `fingerprint` of the parent `key` ("Gateway ns/name"): the same as
  // in the last build exactly when the fingerprint is.
  std::uint64_t parent_state(const std::string& key, std::string fingerprint);
  // The route as computed when it had these parent states, if it was: the same route object,
  // or one that differs only in what the graph does not read (its status, resourceVersion).
  // Routes are asked for, and kept, in namespace/name order.
  const ComputedRoute* find(const gw::HTTPRoute* route,
                            const std::vector<std::uint64_t>& parent_states);
  void keep(const gw::HTTPRoute* route, ComputedRoute computed);
  // Ends a build: forgets the routes and parents it did not see.
  void end();

  std::size_t reused() const { return reused_; }

 private:
  struct Parent {
    std::string fingerprint;
    std::uint64_t state = 0;
    std::uint64_t seen = 0;
  };
  struct Route {
    const gw::HTTPRoute* route = nullptr;
    ComputedRoute computed;
  };

  std::uint64_t build_ = 0;
  std::uint64_t next_state_ = 1;
  std::size_t reused_ = 0;
  std::string controller_name_;
  std::vector<const void*> shared_inputs_;
  std::map<std::string, Parent> parents_;
  // The last build's routes and this one's, in the order they were asked for: namespace/name.
  std::vector<Route> routes_;
  std::vector<Route> next_routes_;
  std::size_t cursor_ = 0;  // into routes_: every route before it has a smaller key
};

}  // namespace lintel::controller::graph
