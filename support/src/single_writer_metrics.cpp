#include "lintel/support/single_writer_metrics.h"

#include <algorithm>

namespace lintel::support {

namespace {

constexpr std::array<std::int64_t, kLatencyBoundsSeconds.size()> bounds_in_nanoseconds() {
  std::array<std::int64_t, kLatencyBoundsSeconds.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::int64_t>(kLatencyBoundsSeconds[i] * 1e9);
  return out;
}
constexpr auto kBoundsNanoseconds = bounds_in_nanoseconds();

}  // namespace

void LatencyHistogram::observe(std::chrono::nanoseconds elapsed) {
  const std::int64_t ns = std::max<std::int64_t>(elapsed.count(), 0);
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(kBoundsNanoseconds.begin(), kBoundsNanoseconds.end(), ns) -
      kBoundsNanoseconds.begin());
  counts_[bucket].add();
  sum_nanoseconds_.add(static_cast<std::uint64_t>(ns));
}

void LatencyHistogram::add_to(LatencyBuckets& counts, double& sum_seconds) const {
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += counts_[i].get();
  sum_seconds += static_cast<double>(sum_nanoseconds_.get()) / 1e9;
}

void write_latency_histogram(PrometheusText& out, std::string_view name, const MetricLabels& labels,
                             const LatencyBuckets& counts, double sum_seconds) {
  out.histogram(name, labels, kLatencyBoundsSeconds, counts, sum_seconds);
}

}  // namespace lintel::support
