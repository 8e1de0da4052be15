#include "lintel/controller/object_store.h"

#include <algorithm>
#include <iterator>

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
  addresses_ = addresses(all());
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
  addresses_ = addresses(all());
  ++revision_;
  return true;
}

std::vector<const api::Object*> ObjectStore::addresses(const std::vector<ObjectPtr>& objects) {
  std::vector<const api::Object*> out;
  out.reserve(objects.size());
  for (const auto& object : objects) out.push_back(object.get());
  std::sort(out.begin(), out.end());
  return out;
}

bool ObjectStore::replace_all(std::vector<ObjectPtr> objects) {
  std::vector<const api::Object*> incoming = addresses(objects);
  if (incoming == addresses_) return false;
  // A re-list mostly brings the very objects the store holds: only the others need their keys.
  std::vector<const api::Object*> added, removed;
  std::set_difference(incoming.begin(), incoming.end(), addresses_.begin(), addresses_.end(),
                      std::back_inserter(added));
  std::set_difference(addresses_.begin(), addresses_.end(), incoming.begin(), incoming.end(),
                      std::back_inserter(removed));
  bool changed = false;
  if (added.size() + removed.size() < objects.size() / 2) {
    for (const api::Object* object : removed) {
      auto it = objects_.find(api::key_of(*object));
      if (it != objects_.end() && it->second.get() == object) {
        objects_.erase(it);
        changed = true;
      }
    }
    for (ObjectPtr& object : objects) {
      if (!std::binary_search(added.begin(), added.end(), object.get())) continue;
      auto [it, inserted] = objects_.try_emplace(api::key_of(*object), object);
      if (!inserted) {
        changed = changed || !same(it->second, object);
        it->second = std::move(object);
      }
      changed = changed || inserted;
    }
    // Two objects under one key: the last one listed wins, which only a full replace knows.
    if (objects_.size() == objects.size()) {
      addresses_ = std::move(incoming);
      if (changed) ++revision_;
      return changed;
    }
  }
  changed = replace_everything(std::move(objects)) || changed;
  addresses_ = addresses(all());
  return changed;
}

bool ObjectStore::replace_everything(std::vector<ObjectPtr> objects) {
  std::map<api::ObjectKey, ObjectPtr> next;
  for (auto& object : objects) {
    api::ObjectKey key = api::key_of(*object);
    next.insert_or_assign(std::move(key), std::move(object));
  }
  bool changed = next.size() != objects_.size();
  for (auto a = objects_.begin(), b = next.begin(); !changed && a != objects_.end(); ++a, ++b) {
    changed = a->first != b->first || !same(a->second, b->second);
  }
  // Even unchanged, the store takes the objects as given, so that they are the ones it holds.
  objects_ = std::move(next);
  if (changed) ++revision_;
  return changed;
}

}  // namespace lintel::controller
