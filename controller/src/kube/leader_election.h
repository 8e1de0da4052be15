#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

#include "api_client.h"

namespace lintel::controller::kube {

// client-go's defaults: a lease lasts 15 s, its holder gives up if it cannot renew within 10 s,
// and everyone tries every 2 s.
struct LeaderElectionOptions {
  std::string namespace_ = "lintel-system";
  std::string name = "lintel-controller";
  std::string identity;  // this replica (its pod name); must be unique
  std::chrono::milliseconds lease_duration{15000};
  std::chrono::milliseconds renew_deadline{10000};
  std::chrono::milliseconds retry_period{2000};
  // On stop(), hand the Lease back so that another replica need not wait for it to run out.
  bool release_on_stop = true;
};

// Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it:
// a replica takes the Lease when it is free or its holder has not renewed it for a lease
// duration (measured on this replica's clock, from when it last saw the Lease change, never
// from the holder's timestamps), renews it every retry period, and stops leading as soon as it
// has failed to renew for the renew deadline — before the lease can run out, so two replicas
// never write status at once. Every replica keeps serving traffic; only the leader writes.
class LeaderElector {
 public:
  LeaderElector(ApiClient& client, LeaderElectionOptions options,
                std::function<void(bool leading)> on_change = {});

  // Runs until stop(); call from its own thread.
  void run();
  void stop();
  bool leading() const { return leading_.load(); }

 private:
  // One attempt to take or renew, each request bounded by `timeout`; true when this replica
  // holds the Lease afterwards.
  bool try_acquire_or_renew(std::chrono::milliseconds timeout);
  void set_leading(bool leading);
  void release();

  ApiClient& client_;
  LeaderElectionOptions options_;
  std::function<void(bool)> on_change_;
  std::atomic<bool> leading_{false};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  // What this replica last saw of the Lease, and when (its own clock).
  std::string observed_record_;
  std::chrono::steady_clock::time_point observed_at_{};
};

}  // namespace lintel::controller::kube
