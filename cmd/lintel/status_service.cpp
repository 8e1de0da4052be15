#include "status_service.h"

#include "status_json.h"

namespace lintel::cmd {

StatusService::StatusService(std::string controller_name, std::optional<std::string> status_dir)
    : writer_(std::move(controller_name)) {
  if (status_dir) status_dir_.emplace(*status_dir);
}

std::vector<std::string> StatusService::record(const controller::ReconcileOutcome& outcome,
                                               std::chrono::system_clock::time_point now) {
  controller::StatusChanges changes;
  {
    std::lock_guard lock(mutex_);
    last_ = outcome;
    if (outcome.graph) changes = writer_.update(*outcome.graph, controller::rfc3339_utc(now));
  }
  // Only this thread changes the writer, so reading it unlocked is safe; the admin thread is
  // not kept waiting on the disk.
  std::vector<std::string> failures;
  if (status_dir_) failures = status_dir_->sync(writer_.objects(), changes);
  if (publisher_)
    for (auto& failure : publisher_(writer_, changes)) failures.push_back(std::move(failure));
  return failures;
}

std::string StatusService::json(std::uint64_t serving_version) const {
  std::lock_guard lock(mutex_);
  return status_json(last_, serving_version, writer_.objects());
}

std::string StatusService::yaml() const {
  std::lock_guard lock(mutex_);
  return objects_yaml(writer_.objects());
}

}  // namespace lintel::cmd
