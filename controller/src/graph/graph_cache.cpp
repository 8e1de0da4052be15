#include "graph_cache.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <utility>

namespace lintel::controller::graph {

namespace {

template <typename T>
void add_addresses(std::vector<const void*>& to, const std::vector<const T*>& objects) {
  to.insert(to.end(), objects.begin(), objects.end());
  to.push_back(nullptr);  // so that an object moving from one kind's list to the next counts
}

// What every route may read besides its parents: references resolve against Services and
// ReferenceGrants, and allowedRoutes selects Namespaces by label.
std::vector<const void*> shared_inputs(const GraphInput& input) {
  std::vector<const void*> out;
  out.reserve(input.services.size() + input.namespaces.size() + input.reference_grants.size() + 3);
  add_addresses(out, input.services);
  add_addresses(out, input.namespaces);
  add_addresses(out, input.reference_grants);
  return out;
}

template <typename Map>
void forget_unseen(Map& map, std::uint64_t build) {
  for (auto it = map.begin(); it != map.end();) {
    if (it->second.seen == build)
      ++it;
    else
      it = map.erase(it);
  }
}

bool key_before(const gw::HTTPRoute& a, const gw::HTTPRoute& b) {
  int by_namespace = a.metadata().namespace_().compare(b.metadata().namespace_());
  return by_namespace != 0 ? by_namespace < 0 : a.metadata().name() < b.metadata().name();
}

template <typename Map>
bool same_map(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [key, value] : a) {
    auto other = b.find(key);
    if (other == b.end() || other->second != value) return false;
  }
  return true;
}

}  // namespace

bool same_route_inputs(const gw::HTTPRoute& a, const gw::HTTPRoute& b) {
  const auto& meta_a = a.metadata();
  const auto& meta_b = b.metadata();
  return meta_a.namespace_() == meta_b.namespace_() && meta_a.name() == meta_b.name() &&
         meta_a.generation() == meta_b.generation() &&
         meta_a.creation_timestamp() == meta_b.creation_timestamp() &&
         same_map(meta_a.labels(), meta_b.labels()) &&
         same_map(meta_a.annotations(), meta_b.annotations()) &&
         deterministic_bytes(a.spec()) == deterministic_bytes(b.spec());
}

std::string deterministic_bytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

void GraphCache::begin(const GraphInput& input, const GraphOptions& options) {
  ++build_;
  reused_ = 0;
  std::vector<const void*> inputs = shared_inputs(input);
  // The graph reads its inputs in key order; sorting by address only makes the comparison
  // independent of the order the caller listed them in.
  std::sort(inputs.begin(), inputs.end());
  if (inputs != shared_inputs_ || options.controller_name != controller_name_) routes_.clear();
  cursor_ = 0;
  next_routes_.clear();
  next_routes_.reserve(routes_.size());
  shared_inputs_ = std::move(inputs);
  controller_name_ = options.controller_name;
}

std::uint64_t GraphCache::parent_state(const std::string& key, std::string fingerprint) {
  Parent& parent = parents_[key];
  if (parent.state == 0 || parent.fingerprint != fingerprint) {
    parent.fingerprint = std::move(fingerprint);
    parent.state = next_state_++;
  }
  parent.seen = build_;
  return parent.state;
}

const ComputedRoute* GraphCache::find(const gw::HTTPRoute* route,
                                      const std::vector<std::uint64_t>& parent_states) {
  while (cursor_ < routes_.size() && key_before(*routes_[cursor_].route, *route)) ++cursor_;
  if (cursor_ == routes_.size() || key_before(*route, *routes_[cursor_].route)) return nullptr;
  Route& kept = routes_[cursor_++];
  if (kept.computed.parent_states != parent_states ||
      (kept.route != route && !same_route_inputs(*kept.route, *route)))
    return nullptr;
  kept.route = route;
  ++reused_;
  return &next_routes_.emplace_back(std::move(kept)).computed;
}

void GraphCache::keep(const gw::HTTPRoute* route, ComputedRoute computed) {
  next_routes_.push_back(Route{route, std::move(computed)});
}

void GraphCache::end() {
  routes_ = std::move(next_routes_);
  next_routes_.clear();
  cursor_ = 0;
  forget_unseen(parents_, build_);
}

}  // namespace lintel::controller::graph
