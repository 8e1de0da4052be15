#include "reference_grants.h"

#include <algorithm>

namespace lintel::controller::graph {

namespace {

namespace gw = gateway::v1;

bool grants(const gw::ReferenceGrant& grant, const ReferenceFrom& from, const ReferenceTo& to) {
  if (grant.metadata().namespace_() != to.namespace_) return false;
  bool from_listed = std::any_of(grant.spec().from().begin(), grant.spec().from().end(),
                                 [&](const gw::ReferenceGrantFrom& f) {
                                   return f.group() == from.group && f.kind() == from.kind &&
                                          f.namespace_() == from.namespace_;
                                 });
  bool to_listed = std::any_of(grant.spec().to().begin(), grant.spec().to().end(),
                               [&](const gw::ReferenceGrantTo& t) {
                                 return t.group() == to.group && t.kind() == to.kind &&
                                        (!t.has_name() || t.name() == to.name);
                               });
  return from_listed && to_listed;
}

}  // namespace

bool reference_permitted(const std::vector<const gw::ReferenceGrant*>& grants_in_effect,
                         const ReferenceFrom& from, const ReferenceTo& to) {
  if (from.namespace_ == to.namespace_) return true;
  return std::any_of(grants_in_effect.begin(), grants_in_effect.end(),
                     [&](const gw::ReferenceGrant* grant) { return grants(*grant, from, to); });
}

}  // namespace lintel::controller::graph
