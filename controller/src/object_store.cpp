#include "lintel/controller/object_store.h"



namespace lintel::controller {

bool ObjectStore::upsert(api::Object object) {
  api::ObjectKey key = api::key_of(object);
  auto it = objects_.find(key);
  if (it != objects_.end() && it->second == object) return false;
  objects_.insert_or_assign(std::move(key), std::move(object));
  ++revision_;
  return true;
}

bool ObjectStore::remove(const api::ObjectKey& key) {
  if (objects_.erase(key) == 0) return false;
  ++revision_;
  return true;
}

bool ObjectStore::replace_all(std::vector<api::Object> objects) {
  std::map<api::ObjectKey, api::Object> next;
  for (auto& object : objects) {
    api::ObjectKey key = api::key_of(object);
    next.insert_or_assign(std::move(key), std::move(object));
  }
  bool changed = next.size() != objects_.size();
  if (!changed) {
    for (auto a = objects_.begin(), b = next.begin(); a != objects_.end(); ++a, ++b) {
      if (a->first != b->first || !(a->second == b->second)) {
        changed = true;
        break;
      }
    }
  }
  if (!changed) return false;
  objects_ = std::move(next);
  ++revision_;
  return true;
}

}  // namespace lintel::controller
