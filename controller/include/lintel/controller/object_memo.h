#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>

#include "lintel/controller/object_store.h"

namespace lintel::controller {

// What a pure function of one object gave, kept across reconciles while the object is the same
// shared object: a reconcile then computes it only for the objects that changed. Each entry holds
// its object, so that no other object can take its address.
template <typename Value>
class ObjectMemo {
 public:
  // The value for `object`, computed by `compute(object)` unless kept.
  template <typename Compute>
  const Value& get(const ObjectPtr& object, Compute&& compute) {
    auto [it, inserted] = entries_.try_emplace(object.get());
    if (inserted) {
      it->second.object = object;
      it->second.value = compute(*object);
    }
    it->second.round = round_;
    return it->second.value;
  }

  // Forgets the objects not asked for since the last call.
  void sweep() {
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second.round == round_)
        ++it;
      else
        it = entries_.erase(it);
    }
    ++round_;
  }

 private:
  struct Entry {
    ObjectPtr object;
    Value value;
    std::uint64_t round = 0;
  };
  std::uint64_t round_ = 0;
  std::unordered_map<const api::Object*, Entry> entries_;
};

}  // namespace lintel::controller
