#pragma once

#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "lintel/api/object.h"

namespace lintel::controller {

// A typed cache of every object Lintel knows, keyed by (group, kind, namespace, name). In
// standalone mode the manifest folder fills it; in a cluster, informers do. Reads are by kind,
// in key order, so everything computed from the store is deterministic.
//
// Objects are immutable and shared: the store, the manifest source's cache and everything a
// reconcile builds point at the same object, so a reconcile of thousands of objects copies none.
using ObjectPtr = std::shared_ptr<const api::Object>;

class ObjectStore {
 public:
  // Inserts or replaces; returns whether the stored object changed.
  bool upsert(ObjectPtr object);
  bool remove(const api::ObjectKey& key);
  // Makes the store hold exactly `objects` (a full re-list); returns whether anything changed.
  bool replace_all(std::vector<ObjectPtr> objects);

  // The objects of one kind (a generated message type, or api::SchemaObject for all of them),
  // in key order; valid until the store next changes.
  template <typename T>
  std::vector<const T*> list() const {
    std::vector<const T*> out;
    for (const auto& [key, object] : objects_) {
      const api::SchemaObject* schema_object = std::get_if<api::SchemaObject>(object.get());
      if (!schema_object) continue;
      if constexpr (std::is_same_v<T, api::SchemaObject>) {
        out.push_back(schema_object);
      } else if (const T* typed = schema_object->template as<T>()) {
        out.push_back(typed);
      }
    }
    return out;
  }

  // Every object, in key order: shared, so a holder keeps them alive after the store changes.
  std::vector<ObjectPtr> all() const;

  size_t size() const { return objects_.size(); }
  // Bumped by every change; lets tests and callers see that a change happened.
  std::uint64_t revision() const { return revision_; }

 private:
  // Rebuilds the whole map from `objects`; returns whether anything changed.
  bool replace_everything(std::vector<ObjectPtr> objects);
  static std::vector<const api::Object*> addresses(const std::vector<ObjectPtr>& objects);

  std::map<api::ObjectKey, ObjectPtr> objects_;
  // The objects held, by address, sorted: a re-list of the very same objects changes nothing.
  std::vector<const api::Object*> addresses_;
  std::uint64_t revision_ = 0;
};

}  // namespace lintel::controller
