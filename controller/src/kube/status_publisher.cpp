#include "status_publisher.h"

#include <cpprest/json.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "kubernetes_source.h"
#include "lintel/api/encode.h"
#include "lintel/support/log.h"

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
    : client_(client), controller_name_(std::move(controller_name)) {
  for (size_t i = 0; i < kConcurrentWrites; ++i) workers_.emplace_back([this] { work(); });
}

StatusPublisher::~StatusPublisher() {
  queue_.shut_down();
  for (auto& worker : workers_) worker.join();
}

std::string StatusPublisher::describe(const api::ObjectKey& key) {
  return key.kind + " " + (key.namespace_.empty() ? "" : key.namespace_ + "/") + key.name;
}

std::vector<std::string> StatusPublisher::publish(const StatusWriter& writer,
                                                  const StatusChanges& changes) {
  std::map<api::ObjectKey, std::uint64_t> round;
  {
    std::lock_guard lock(mutex_);
    for (const auto& key : changes.removed) {
      pending_.erase(key);
      failing_.erase(key);
      tried_.erase(key);
    }
    for (const auto& key : changes.changed) {
      const auto found = writer.objects().find(key);
      if (found == writer.objects().end()) continue;
      pending_[key] = Pending{found->second, ++sequence_};
      round[key] = sequence_;
    }
  }
  for (const auto& [key, sequence] : round) queue_.add(key);
  // Wait for this round's writes, each tried at least once (bounded: a hung API server must
  // not stall the control loop; what is left is retried by the queue in the background).
  std::unique_lock lock(mutex_);
  // Every write wakes this up: the objects found tried stay tried (sequences only grow), so each
  // is looked at until it is, not once per write.
  auto untried = round.begin();
  attempted_.wait_for(lock, std::chrono::seconds(30), [&] {
    for (; untried != round.end(); ++untried) {
      const auto tried = tried_.find(untried->first);
      if (tried == tried_.end() || tried->second < untried->second) return false;
    }
    return true;
  });
  std::vector<std::string> failures;
  for (const auto& [key, sequence] : round) {
    const auto failing = failing_.find(key);
    if (failing != failing_.end()) failures.push_back(describe(key) + ": " + failing->second);
  }
  return failures;
}

bool StatusPublisher::wait_idle(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (queue_.idle()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return queue_.idle();
}

std::vector<std::string> StatusPublisher::failing() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [key, error] : failing_) out.push_back(describe(key) + ": " + error);
  return out;
}

void StatusPublisher::work() {
  while (auto key = queue_.get()) {
    std::optional<Pending> pending;
    {
      std::lock_guard lock(mutex_);
      if (auto found = pending_.find(*key); found != pending_.end()) pending = found->second;
    }
    if (pending) {
      std::string error;
      const bool written = publish_one(pending->status, error);
      {
        std::lock_guard lock(mutex_);
        tried_[*key] = std::max(tried_[*key], pending->sequence);
        if (written) {
          failing_.erase(*key);
          // Only if nothing newer came meanwhile; a newer one is queued already.
          if (auto found = pending_.find(*key);
              found != pending_.end() && found->second.sequence == pending->sequence)
            pending_.erase(found);
        } else {
          if (failing_[*key] != error)
            log::warn("cannot write a status; retrying",
                      {{"object", describe(*key)}, {"error", error}});
          failing_[*key] = error;
        }
      }
      attempted_.notify_all();
      if (written)
        queue_.forget(*key);
      else
        queue_.add_rate_limited(*key);
    }
    queue_.done(*key);
  }
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
