#include "control_plane_metrics.h"

#include <chrono>

namespace lintel::cmd {

namespace {

void one(support::PrometheusText& out, const char* name, const char* type, const char* help,
         std::uint64_t value) {
  out.family(name, type, help);
  out.sample(name, {}, static_cast<double>(value));
}

}  // namespace

void ControlPlaneMetrics::record(const controller::ReconcileOutcome& outcome,
                                 std::size_t status_write_failures) {
  reconciles_.add();
  const double ms = outcome.load_ms + outcome.translate_ms + outcome.publish_ms;
  reconcile_duration_.observe(std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double, std::milli>(ms)));
  if (outcome.published) published_.add();
  if (!outcome.publish_error.empty()) refused_.add();
  status_write_failures_.add(status_write_failures);
  errors_.store(outcome.errors.size(), std::memory_order_relaxed);
  warnings_.store(outcome.warnings.size(), std::memory_order_relaxed);
  notes_.store(outcome.notes.size(), std::memory_order_relaxed);
  unsupported_.store(outcome.unsupported.size(), std::memory_order_relaxed);
  routes_.store(outcome.routes, std::memory_order_relaxed);
  version_.store(outcome.version, std::memory_order_relaxed);
}

void ControlPlaneMetrics::write(support::PrometheusText& out) const {
  one(out, "lintel_controller_reconciles_total", "counter",
      "Reconciles of the whole configuration (each change, or batch of changes, is one).",
      reconciles_.get());
  support::LatencyBuckets counts{};
  double seconds = 0;
  reconcile_duration_.add_to(counts, seconds);
  out.family("lintel_controller_reconcile_duration_seconds", "histogram",
             "Time a reconcile took: reading the sources, converting, translating, publishing.");
  support::write_latency_histogram(out, "lintel_controller_reconcile_duration_seconds", {}, counts,
                                   seconds);
  one(out, "lintel_controller_snapshots_published_total", "counter",
      "New snapshots the data plane (or the snapshot server) took.", published_.get());
  one(out, "lintel_controller_snapshots_refused_total", "counter",
      "Snapshots the in-process data plane refused (the previous one kept serving).",
      refused_.get());
  one(out, "lintel_controller_status_write_failures_total", "counter",
      "Status writes that failed (files or the API server).", status_write_failures_.get());
  one(out, "lintel_controller_config_errors", "gauge",
      "Objects rejected by the last reconcile (decoding or validation errors).",
      errors_.load(std::memory_order_relaxed));
  one(out, "lintel_controller_config_warnings", "gauge",
      "Documents skipped with a warning by the last reconcile.",
      warnings_.load(std::memory_order_relaxed));
  one(out, "lintel_controller_ingress_conversion_notes", "gauge",
      "What the last reconcile could not carry over exactly from Ingresses.",
      notes_.load(std::memory_order_relaxed));
  one(out, "lintel_controller_unsupported_features", "gauge",
      "Fields of Gateway API objects the last reconcile could not serve yet.",
      unsupported_.load(std::memory_order_relaxed));
  one(out, "lintel_controller_routes", "gauge", "Routes in the newest snapshot.",
      routes_.load(std::memory_order_relaxed));
  one(out, "lintel_controller_snapshot_version", "gauge", "Version of the newest snapshot.",
      version_.load(std::memory_order_relaxed));
}

}  // namespace lintel::cmd
