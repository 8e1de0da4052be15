#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "lintel/controller/reconciler.h"
#include "lintel/controller/status_writer.h"
#include "status_dir.h"

namespace lintel::cmd {

// What `lintel run` tells about its last reconcile: /status and /status.yaml on the admin port,
// and the --status-dir files. record() is called by the thread that reconciles, the rest by the
// admin thread.
class StatusService {
 public:
  StatusService(std::string controller_name, std::optional<std::string> status_dir);

  // Takes one reconcile's findings and merges its graph's status (at `now`) into the kept one;
  // returns what writing the status files failed on.
  std::vector<std::string> record(const controller::ReconcileOutcome& outcome,
                                  std::chrono::system_clock::time_point now);

  // Called by record() with what changed (Kubernetes mode writes it to the API server); returns
  // what could not be written.
  using Publisher = std::function<std::vector<std::string>(const controller::StatusWriter&,
                                                           const controller::StatusChanges&)>;
  void set_publisher(Publisher publisher) { publisher_ = std::move(publisher); }

  std::string json(std::uint64_t serving_version) const;
  std::string yaml() const;

 private:
  mutable std::mutex mutex_;
  controller::ReconcileOutcome last_;
  controller::StatusWriter writer_;
  std::optional<StatusDir> status_dir_;
  Publisher publisher_;
};

}  // namespace lintel::cmd
