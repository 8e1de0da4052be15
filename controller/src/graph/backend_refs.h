#pragma once

#include <vector>

#include "graph.h"
#include "lookup.h"
#include "problem.h"

namespace lintel::controller::graph {

struct RouteRefs {
  std::vector<ResolvedRule> rules;  // one per spec.rules entry
  std::vector<Problem> problems;    // every reference that did not resolve, in spec order
};

// Resolves every reference of an HTTPRoute's rules: backendRefs and RequestMirror backends must
// be core Services (InvalidKind), in the route's namespace or allowed by a ReferenceGrant
// (RefNotPermitted), existing and exposing the port (BackendNotFound); ExtensionRef filters name
// kinds Lintel does not have (InvalidKind).
RouteRefs resolve_route_refs(const gw::HTTPRoute& route, const Lookup& lookup);

}  // namespace lintel::controller::graph
