#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

#include "lintel/support/prometheus_text.h"

namespace lintel::support {

// A count with one writer thread and any number of readers (the admin thread's /metrics):
// bumped with a plain load and store, never a locked instruction.
class SingleWriterCounter {
 public:
  void add(std::uint64_t n = 1) {
    value_.store(value_.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  std::uint64_t get() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Bucket bounds of every latency histogram, in seconds: 0.5 ms to 10 s, as Prometheus users
// expect of an HTTP proxy and of a control loop alike.
inline constexpr std::array<double, 14> kLatencyBoundsSeconds = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
using LatencyBuckets = std::array<std::uint64_t, kLatencyBoundsSeconds.size() + 1>;

// A latency histogram with one writer thread.
class LatencyHistogram {
 public:
  void observe(std::chrono::nanoseconds elapsed);
  // Adds this histogram's counts (one per bound, then the overflow) and its sum in seconds, so
  // that several writers' histograms are summed into one series.
  void add_to(LatencyBuckets& counts, double& sum_seconds) const;

 private:
  std::array<SingleWriterCounter, kLatencyBoundsSeconds.size() + 1> counts_;
  SingleWriterCounter sum_nanoseconds_;
};

// Writes `counts` and `sum_seconds` as the series of histogram `name`.
void write_latency_histogram(PrometheusText& out, std::string_view name, const MetricLabels& labels,
                             const LatencyBuckets& counts, double sum_seconds);

}  // namespace lintel::support
