#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "graph.h"

namespace lintel::controller::graph {

// The objects that references point at, found by namespace and name.
class Lookup {
 public:
  explicit Lookup(const GraphInput& input);

  const api::Service* service(const std::string& namespace_, const std::string& name) const;
  const core::v1::Secret* secret(const std::string& namespace_, const std::string& name) const;
  const core::v1::Secret* last_usable_secret(const std::string& namespace_,
                                             const std::string& name) const;
  // A namespace's labels, with the kubernetes.io/metadata.name label the API server sets on every
  // namespace, also when the Namespace object itself is not among the inputs.
  std::map<std::string, std::string> namespace_labels(const std::string& name) const;
  const std::vector<const gw::ReferenceGrant*>& reference_grants() const { return grants_; }

 private:
  using Key = std::pair<std::string, std::string>;
  std::map<Key, const api::Service*> services_;
  std::map<Key, const core::v1::Secret*> secrets_;
  std::map<Key, const core::v1::Secret*> last_usable_secrets_;
  std::map<std::string, const api::Namespace*> namespaces_;
  std::vector<const gw::ReferenceGrant*> grants_;
};

}  // namespace lintel::controller::graph
