#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api_client.h"
#include "lintel/controller/status_writer.h"
#include "lintel/controller/work_queue.h"

namespace lintel::controller::kube {

// Writes the status Lintel computed to the API server, through each object's /status
// subresource, only for the objects whose status changed (StatusWriter says which). A route's
// status.parents keeps the entries of other controllers as they are: Lintel replaces only its
// own. A write that meets 409 Conflict reads the object afresh and tries again.
//
// Writes go through a WorkQueue served by 16 workers: one object is never written by two at
// once, an object changed again before its write only has its newest status written, and a
// write that fails is retried with per-object exponential backoff until it succeeds or a newer
// status replaces it.
class StatusPublisher {
 public:
  StatusPublisher(ApiClient& client, std::string controller_name);
  ~StatusPublisher();
  StatusPublisher(const StatusPublisher&) = delete;
  StatusPublisher& operator=(const StatusPublisher&) = delete;

  // Queues the changed objects' status and waits (up to 30 s) until each was tried once;
  // returns those that failed, one line per object (they stay queued for a retry).
  std::vector<std::string> publish(const StatusWriter& writer, const StatusChanges& changes);
  // Until nothing is queued or being written; false on timeout.
  bool wait_idle(std::chrono::milliseconds timeout);
  // Objects whose last write failed, one line each.
  std::vector<std::string> failing() const;

  std::uint64_t writes() const { return writes_.load(); }

 private:
  struct Pending {
    ObjectStatus status;
    std::uint64_t sequence = 0;
  };

  void work();
  bool publish_one(const ObjectStatus& status, std::string& error);
  static std::string describe(const api::ObjectKey& key);

  ApiClient& client_;
  std::string controller_name_;
  std::atomic<std::uint64_t> writes_{0};
  mutable std::mutex mutex_;
  std::condition_variable attempted_;
  std::map<api::ObjectKey, Pending> pending_;
  std::map<api::ObjectKey, std::string> failing_;
  std::map<api::ObjectKey, std::uint64_t> tried_;  // the newest sequence tried, per object
  std::uint64_t sequence_ = 0;
  WorkQueue<api::ObjectKey> queue_;
  std::vector<std::thread> workers_;
};

}  // namespace lintel::controller::kube
