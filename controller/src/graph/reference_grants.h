#pragma once

#include <string>
#include <vector>

#include "lintel/gateway/v1/reference_grant.pb.h"

namespace lintel::controller::graph {

// The object making a cross-namespace reference.
struct ReferenceFrom {
  std::string group;
  std::string kind;
  std::string namespace_;
};

// The object referred to.
struct ReferenceTo {
  std::string group;
  std::string kind;
  std::string namespace_;
  std::string name;
};

// Whether a reference may be followed: always within a namespace; across namespaces only when a
// ReferenceGrant in the referent's namespace lists the referrer (group, kind, namespace) in
// `from` and the referent (group, kind, and name when the grant names one) in `to`.
bool reference_permitted(const std::vector<const gateway::v1::ReferenceGrant*>& grants,
                         const ReferenceFrom& from, const ReferenceTo& to);

}  // namespace lintel::controller::graph
