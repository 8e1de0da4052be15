#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "control_plane_metrics.h"
#include "flags.h"
#include "lintel/controller/reconciler.h"
#include "lintel/dataplane/admin_server.h"
#include "status_service.h"

namespace lintel::controller::kube {
class KubernetesSource;
class LeaderElector;
class StatusPublisher;
}  // namespace lintel::controller::kube

namespace lintel::cmd {

// The flags that choose the sources and shape the translation, taken by `lintel run` and
// `lintel controller` alike.
std::vector<std::string> control_plane_flags();
std::vector<std::string> control_plane_switches();

// The controller half of `lintel run`, and all of `lintel controller`: the manifest folder or
// the cluster, the reconcile loop, status (files, /status, the API server with leader
// election). Where snapshots go is the caller's: `publish` is the data plane in one process,
// or the snapshot server.
class ControlPlane {
 public:
  // Where snapshots go: the data plane of this process, or remote proxies (which outlive a
  // controller, so versions must keep growing across its restarts).
  enum class Publishing { in_process, to_proxies };

  // Reads the flags; null when they do not make sense or the cluster cannot be reached, with
  // the reason on stderr after "lintel <command>: ".
  static std::unique_ptr<ControlPlane> create(const Flags& flags, const std::string& command,
                                              Publishing publishing);
  ~ControlPlane();

  const controller::StandaloneOptions& options() const { return options_; }

  // Reconciles once, publishing through `publish`. False, with the reason on stderr, when there
  // is nothing to serve.
  bool start(controller::StandaloneController::Publish publish);
  // Reconciles on every change, on a thread of its own, until stop().
  void watch();
  void stop();

  // /status and /status.yaml, for the admin port; `serving` is the version being served.
  void add_status_handlers(dataplane::AdminHandlers& handlers,
                           std::function<std::uint64_t()> serving);
  std::shared_ptr<const snapshot::v1::Snapshot> current() const { return controller_->current(); }
  // Reconciles, their duration, publishes and configuration errors, for /metrics.
  void write_metrics(support::PrometheusText& out) const;

  ControlPlane(const Flags& flags, std::string command);

 private:
  bool connect(const Flags& flags, Publishing publishing);
  void record(const controller::ReconcileOutcome& outcome);

  std::string command_;
  std::string published_message_;
  controller::StandaloneOptions options_;
  std::shared_ptr<controller::kube::KubernetesSource> cluster_;
  std::optional<StatusService> status_;
  std::unique_ptr<controller::kube::StatusPublisher> publisher_;
  std::unique_ptr<controller::kube::LeaderElector> elector_;
  std::thread election_;
  std::atomic<bool> publish_all_{true};
  std::unique_ptr<controller::StandaloneController> controller_;
  std::thread watcher_;
  std::string leader_elect_;
  std::string lease_namespace_;
  ControlPlaneMetrics metrics_;
};

// The snapshot as JSON, for /config_dump.
std::string config_dump(const std::shared_ptr<const snapshot::v1::Snapshot>& snapshot);

// /healthz, /readyz (200 while `ready` says so) and /config_dump of what `serving` returns.
dataplane::AdminHandlers serving_handlers(
    std::function<bool()> ready,
    std::function<std::shared_ptr<const snapshot::v1::Snapshot>()> serving);

}  // namespace lintel::cmd
