#include "lintel/controller/last_usable_secrets.h"

#include "graph/tls_secret.h"

namespace lintel::controller {

std::vector<ObjectPtr> LastUsableSecrets::update(const std::vector<ObjectPtr>& objects) {
  std::map<std::string, ObjectPtr> kept;
  for (const ObjectPtr& object : objects) {
    const auto* schema_object = std::get_if<api::SchemaObject>(object.get());
    const auto* secret = schema_object ? schema_object->as<core::v1::Secret>() : nullptr;
    if (!secret) continue;
    std::string key = secret->metadata().namespace_() + "/" + secret->metadata().name();
    if (!graph::tls_secret_problem(*secret)) {
      kept.emplace(std::move(key), object);
    } else if (auto last = by_name_.find(key); last != by_name_.end()) {
      kept.emplace(std::move(key), last->second);
    }
  }
  by_name_ = std::move(kept);
  std::vector<ObjectPtr> out;
  for (const auto& [key, object] : by_name_) out.push_back(object);
  return out;
}

}  // namespace lintel::controller
