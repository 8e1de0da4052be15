#include "status_publisher.h"

#include <cpprest/json.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "kubernetes_source.h"
#include "lintel/api/encode.h"

namespace lintel::controller::kube {

namespace {

using json = web::json::value;

constexpr size_t kConcurrentWrites = 16;

const ResourceType* resource_of(const std::string& kind) {
  for (const auto& type : watched_kinds())
    if (type.kind == kind) return &type;
  return nullptr;
}

std::string controller_of(const json& parent) {
  return parent.has_field("controllerName") && parent.at("controllerName").is_string()
             ? parent.at("controllerName").as_string()
             : "";
}

// `ours` in place of the current status, but for other controllers' parents entries.
json merged_status(const json& current, const json& ours, const std::string& controller) {
  json out = ours;
  if (!ours.has_field("parents") || !current.has_field("parents") ||
      !current.at("parents").is_array())
    return out;
  json parents = json::array();
  size_t next = 0;
  for (const auto& parent : ours.at("parents").as_array()) parents[next++] = parent;
  for (const auto& parent : current.at("parents").as_array())
    if (controller_of(parent) != controller) parents[next++] = parent;
  out["parents"] = parents;
  return out;
}

}  // namespace

StatusPublisher::StatusPublisher(ApiClient& client, std::string controller_name)
    : client_(client), controller_name_(std::move(controller_name)) {}

std::vector<std::string> StatusPublisher::publish(const StatusWriter& writer,
                                                  const StatusChanges& changes) {
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::atomic<size_t> next{0};
  // Each write is a read and a write on the network: several at once, as a client-go
  // controller's workers do, so that a thousand changed routes take well under a second.
  auto work = [&] {
    for (size_t i = next++; i < changes.changed.size(); i = next++) {
      const auto& key = changes.changed[i];
      const auto found = writer.objects().find(key);
      if (found == writer.objects().end()) continue;
      std::string error;
      if (publish_one(found->second, error)) continue;
      std::lock_guard lock(failures_mutex);
      failures.push_back(key.kind + " " + (key.namespace_.empty() ? "" : key.namespace_ + "/") +
                         key.name + ": " + error);
    }
  };
  const size_t helpers = std::min<size_t>(kConcurrentWrites, changes.changed.size());
  std::vector<std::thread> threads;
  for (size_t i = 1; i < helpers; ++i) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  std::sort(failures.begin(), failures.end());
  return failures;
}

bool StatusPublisher::publish_one(const ObjectStatus& status, std::string& error) {
  const ResourceType* type = resource_of(status.key.kind);
  if (!type) {
    error = "Lintel does not write the status of this kind";
    return false;
  }
  std::error_code parse_error;
  const json encoded =
      json::parse(api::encode_json(*object_with_status(status, false)), parse_error);
  if (parse_error || !encoded.has_field("status")) {
    error = "cannot encode the status";
    return false;
  }
  const std::string path = type->collection_path(status.key.namespace_) + "/" + status.key.name;
  for (int attempt = 0; attempt < 5; ++attempt) {
    ApiResponse current = client_.get(path);
    if (current.status == 404) return true;  // deleted meanwhile: nothing to report on
    if (current.status != 200) {
      error =
          "GET " + path + ": " + std::to_string(current.status) + " " + current.body.substr(0, 200);
      return false;
    }
    json object = json::parse(current.body, parse_error);
    if (parse_error || !object.is_object()) {
      error = "GET " + path + ": not a JSON object";
      return false;
    }
    const json current_status = object.has_field("status") ? object.at("status") : json::object();
    object["status"] = merged_status(current_status, encoded.at("status"), controller_name_);
    if (object.at("status").serialize() == current_status.serialize()) return true;
    ApiResponse written = client_.put(path + "/status", object.serialize());
    if (written.status == 200) {
      ++writes_;
      return true;
    }
    if (written.status != 409) {
      error = "PUT " + path + "/status: " + std::to_string(written.status) + " " +
              written.body.substr(0, 200);
      return false;
    }
  }
  error = "PUT " + path + "/status: still 409 Conflict after 5 attempts";
  return false;
}

}  // namespace lintel::controller::kube
