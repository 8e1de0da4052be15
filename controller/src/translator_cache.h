#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster_table.h"
#include "graph/graph.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// The snapshot routes each HTTPRoute was translated into, kept from one translation to the next.
// A route is translated from its graph node alone (translate_rule), and the graph gives an
// unchanged route the very same RouteResolution (graph::GraphCache): so while the resolution is
// the same object, so are the routes. Entries hold their resolution, so that its address cannot
// be taken by another one.
class TranslatorCache {
 public:
  struct Translated {
    std::shared_ptr<const graph::RouteResolution> resolution;
    // [rule][match]: named and matched; a rule without matches has its default match.
    std::vector<std::vector<snapshot::v1::Route>> routes;
    std::vector<ClusterUse> clusters;
    std::uint64_t seen = 0;
  };

  void begin() { ++build_; }
  // The node's translation, if kept; marks it used by this translation.
  const Translated* find(const graph::RouteNode& node);
  const Translated& keep(Translated translated);
  // Forgets the routes this translation did not use.
  void end();

 private:
  std::uint64_t build_ = 0;
  std::unordered_map<const graph::RouteResolution*, Translated> routes_;
};

}  // namespace lintel::controller
