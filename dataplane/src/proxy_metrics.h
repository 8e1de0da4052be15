#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <vector>

#include "lintel/support/single_writer_metrics.h"

namespace lintel::dataplane {

using WorkerCounter = support::SingleWriterCounter;
using support::LatencyHistogram;

enum class Protocol : unsigned { kHttp1 = 0, kHttp2 = 1 };
inline constexpr unsigned kProtocols = 2;

// What one worker counts. Series stay few whatever the config's size (no label per route or
// backend): protocol and status class.
struct WorkerMetrics {
  // An answer sent to a client (its status, and the time from the request's head to the end
  // of the answer), whoever made it: an upstream or this proxy.
  void request_done(Protocol protocol, unsigned status, std::chrono::nanoseconds elapsed);

  std::array<std::array<WorkerCounter, 5>, kProtocols> requests;  // by status class 1xx..5xx
  std::array<LatencyHistogram, kProtocols> request_duration;
  LatencyHistogram upstream_header_duration;  // request sent -> the upstream's response head
  WorkerCounter connections_opened;
  WorkerCounter connections_closed;
  WorkerCounter upstream_connects;
  WorkerCounter upstream_connect_failures;
  WorkerCounter upstream_timeouts;
  WorkerCounter endpoint_ejections;
};

// Counts that apply() keeps, under its own lock.
struct SnapshotMetrics {
  std::atomic<std::uint64_t> applied{0};
  std::atomic<std::uint64_t> refused{0};
  std::atomic<std::uint64_t> version{0};
  std::atomic<double> last_apply_seconds{0};
};

// Every worker's counts summed, and the snapshot's, as Prometheus families.
void write_proxy_metrics(const std::vector<const WorkerMetrics*>& workers,
                         const SnapshotMetrics& snapshot, support::PrometheusText& out);

}  // namespace lintel::dataplane
