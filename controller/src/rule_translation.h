#pragma once

#include <cstddef>

#include "cluster_table.h"
#include "graph/graph.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// One rule of an attached HTTPRoute as the snapshot Route that all its matches share, without
// name and match: the action and the filters.
//  - A rule the graph found unusable (an ExtensionRef that did not resolve) or that asks for
//    ExternalAuth answers 500: its requests must never pass unfiltered or unauthorized.
//  - A RequestRedirect filter makes the redirect the route's action.
//  - Otherwise the route forwards to the backendRefs by weight. A backendRef that cannot be used
//    (unresolved, or with a filter that cannot be skipped) keeps its share, answered 500, and
//    a rule with no usable backendRef answers 500.
// Filters that change the request go with forwarding only; response headers with every answer.
snapshot::v1::Route translate_rule(const graph::RouteNode& node, std::size_t rule,
                                   ClusterTable& clusters);

// A ReplacePrefixMatch replaces the prefix the route matched, so a route that matches by regular
// expression has none: it answers 500 (validation refuses such a rule; Gateway API makes it not
// Accepted), where the data plane would refuse the whole snapshot.
void refuse_prefix_replacement_without_prefix(snapshot::v1::Route& route);

}  // namespace lintel::controller
