#include "lookup.h"

namespace lintel::controller::graph {

namespace {

template <typename Map>
auto find_or_null(const Map& map, const typename Map::key_type& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : it->second;
}

}  // namespace

Lookup::Lookup(const GraphInput& input) : grants_(input.reference_grants) {
  for (const auto* service : input.services)
    services_.emplace(Key{service->metadata().namespace_(), service->metadata().name()}, service);
  for (const auto* secret : input.secrets)
    secrets_.emplace(Key{secret->metadata().namespace_(), secret->metadata().name()}, secret);
  for (const auto* secret : input.last_usable_secrets)
    last_usable_secrets_.emplace(Key{secret->metadata().namespace_(), secret->metadata().name()},
                                 secret);
  for (const auto* ns : input.namespaces) namespaces_.emplace(ns->metadata().name(), ns);
}

const api::Service* Lookup::service(const std::string& namespace_, const std::string& name) const {
  return find_or_null(services_, Key{namespace_, name});
}

const core::v1::Secret* Lookup::secret(const std::string& namespace_,
                                       const std::string& name) const {
  return find_or_null(secrets_, Key{namespace_, name});
}

const core::v1::Secret* Lookup::last_usable_secret(const std::string& namespace_,
                                                   const std::string& name) const {
  return find_or_null(last_usable_secrets_, Key{namespace_, name});
}

std::map<std::string, std::string> Lookup::namespace_labels(const std::string& name) const {
  std::map<std::string, std::string> labels;
  if (const api::Namespace* ns = find_or_null(namespaces_, name))
    labels.insert(ns->metadata().labels().begin(), ns->metadata().labels().end());
  labels["kubernetes.io/metadata.name"] = name;
  return labels;
}

}  // namespace lintel::controller::graph
