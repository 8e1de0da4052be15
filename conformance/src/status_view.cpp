#include "status_view.h"

#include "json_read.h"
#include "lintel_process.h"

namespace lintel::conformance {

bool StatusView::fetch(const LintelProcess& lintel, std::string& error) {
  std::string body;
  if (!lintel.admin_get("/status", body, error)) return false;
  objects_.clear();
  document_ = Value();
  if (!parse_json(body, document_, error)) {
    error = "/status is not JSON: " + error;
    return false;
  }
  collect(document_);
  return true;
}

void StatusView::collect(const Value& node) {
  if (node.is_list()) {
    for (const auto& item : node.items()) collect(item);
    return;
  }
  if (!node.is_map()) return;
  const Value* status = node.find("status");
  const std::string kind = node.str("kind");
  const Value& metadata = node["metadata"];
  const std::string name = node.str("name").empty() ? metadata.str("name") : node.str("name");
  const std::string namespace_ =
      node.str("namespace").empty() ? metadata.str("namespace") : node.str("namespace");
  if (status && status->is_map() && !kind.empty() && !name.empty()) {
    objects_.push_back({kind, namespace_, name, status});
    return;
  }
  for (const auto& [key, item] : node.entries()) collect(item);
}

const Value* StatusView::status_of(const ObjectRef& ref) const {
  for (const auto& entry : objects_) {
    if (entry.kind == ref.kind && entry.name == ref.name && entry.namespace_ == ref.namespace_)
      return entry.status;
  }
  return nullptr;
}

std::vector<std::string> StatusView::not_served_yet(const std::string& text) const {
  std::vector<std::string> out;
  for (const auto& item : document_["notServedYet"].items()) {
    if (item.text().find(text) != std::string::npos) out.push_back(item.text());
  }
  return out;
}

}  // namespace lintel::conformance
