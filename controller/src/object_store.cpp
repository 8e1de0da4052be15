#include "lintel/controller/object_store.h"

namespace lintel::controller {

namespace {

bool same(const ObjectPtr& a, const ObjectPtr& b) {
  return a == b || *a == *b;
}

}  // namespace

bool ObjectStore::upsert(ObjectPtr object) {
  api::ObjectKey key = api::key_of(*object);
  auto it = objects_.find(key);
  if (it != objects_.end() && same(it->second, object)) return false;
  objects_.insert_or_assign(std::move(key), std::move(object));
  ++revision_;
  return true;
}

std::vector<ObjectPtr> ObjectStore::all() const {
  std::vector<ObjectPtr> out;
  out.reserve(objects_.size());
  for (const auto& [key, object] : objects_) out.push_back(object);
  return out;
}

bool ObjectStore::remove(const api::ObjectKey& key) {
  if (objects_.erase(key) == 0) return false;
  ++revision_;
  return true;
}

bool ObjectStore::replace_all(std::vector<ObjectPtr> objects) {
  std::map<api::ObjectKey, ObjectPtr> next;
  for (auto& object : objects) {
    api::ObjectKey key = api::key_of(*object);
    next.insert_or_assign(std::move(key), std::move(object));
  }
  bool changed = next.size() != objects_.size();
  for (auto a = objects_.begin(), b = next.begin(); !changed && a != objects_.end(); ++a, ++b) {
    changed = a->first != b->first || !same(a->second, b->second);
  }
  if (!changed) return false;
  objects_ = std::move(next);
  ++revision_;
  return true;
}

}  // namespace lintel::controller
