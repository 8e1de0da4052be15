#include "translator_cache.h"

namespace lintel::controller {

const TranslatorCache::Translated* TranslatorCache::find(const graph::RouteNode& node) {
  auto found = routes_.find(node.resolution.get());
  if (found == routes_.end()) return nullptr;
  found->second.seen = build_;
  return &found->second;
}

const TranslatorCache::Translated& TranslatorCache::keep(Translated translated) {
  translated.seen = build_;
  const graph::RouteResolution* key = translated.resolution.get();
  return routes_.insert_or_assign(key, std::move(translated)).first->second;
}

void TranslatorCache::end() {
  for (auto it = routes_.begin(); it != routes_.end();) {
    if (it->second.seen == build_)
      ++it;
    else
      it = routes_.erase(it);
  }
}

}  // namespace lintel::controller
