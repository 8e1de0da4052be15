#pragma once

#include <atomic>
#include <cstdint>

#include "lintel/controller/reconciler.h"
#include "lintel/support/single_writer_metrics.h"

namespace lintel::cmd {

// What the reconcile loop counts, for /metrics. record() is called by the one thread that
// reconciles; write() by the admin thread.
class ControlPlaneMetrics {
 public:
  void record(const controller::ReconcileOutcome& outcome, std::size_t status_write_failures);
  void write(support::PrometheusText& out) const;

 private:
  support::SingleWriterCounter reconciles_;
  support::LatencyHistogram reconcile_duration_;
  support::SingleWriterCounter published_;
  support::SingleWriterCounter refused_;
  support::SingleWriterCounter status_write_failures_;
  // Of the last reconcile.
  std::atomic<std::uint64_t> errors_{0};
  std::atomic<std::uint64_t> warnings_{0};
  std::atomic<std::uint64_t> notes_{0};
  std::atomic<std::uint64_t> unsupported_{0};
  std::atomic<std::uint64_t> routes_{0};
  std::atomic<std::uint64_t> version_{0};
};

}  // namespace lintel::cmd
