#include "proxy_metrics.h"

#include <algorithm>

namespace lintel::dataplane {

namespace {

constexpr const char* kProtocolNames[kProtocols] = {"http1", "http2"};
constexpr const char* kClassNames[5] = {"1xx", "2xx", "3xx", "4xx", "5xx"};

using support::kLatencyBoundsSeconds;
using support::LatencyBuckets;

template <typename Get>
std::uint64_t sum(const std::vector<const WorkerMetrics*>& workers, Get get) {
  std::uint64_t total = 0;
  for (const auto* worker : workers) total += get(*worker).get();
  return total;
}

void counter(support::PrometheusText& out, const char* name, const char* help,
             std::uint64_t value) {
  out.family(name, "counter", help);
  out.sample(name, {}, static_cast<double>(value));
}

void gauge(support::PrometheusText& out, const char* name, const char* help, double value) {
  out.family(name, "gauge", help);
  out.sample(name, {}, value);
}

}  // namespace

void WorkerMetrics::request_done(Protocol protocol, unsigned status,
                                 std::chrono::nanoseconds elapsed) {
  const auto p = static_cast<unsigned>(protocol);
  const unsigned status_class = std::clamp(status / 100, 1u, 5u) - 1;
  requests[p][status_class].add();
  request_duration[p].observe(elapsed);
}

void write_proxy_metrics(const std::vector<const WorkerMetrics*>& workers,
                         const SnapshotMetrics& snapshot, support::PrometheusText& out) {
  out.family("lintel_http_requests_total", "counter",
             "Requests answered, by protocol and status class (answers of the proxy's own "
             "included).");
  for (unsigned p = 0; p < kProtocols; ++p) {
    for (unsigned c = 0; c < 5; ++c) {
      out.sample(
          "lintel_http_requests_total", {{"protocol", kProtocolNames[p]}, {"code", kClassNames[c]}},
          static_cast<double>(sum(
              workers, [&](const WorkerMetrics& w) -> const auto& { return w.requests[p][c]; })));
    }
  }
  out.family("lintel_http_request_duration_seconds", "histogram",
             "Time from a request's head to the end of its answer, by protocol.");
  for (unsigned p = 0; p < kProtocols; ++p) {
    LatencyBuckets counts{};
    double seconds = 0;
    for (const auto* worker : workers) worker->request_duration[p].add_to(counts, seconds);
    support::write_latency_histogram(out, "lintel_http_request_duration_seconds",
                                     {{"protocol", kProtocolNames[p]}}, counts, seconds);
  }
  {
    LatencyBuckets counts{};
    double seconds = 0;
    for (const auto* worker : workers) worker->upstream_header_duration.add_to(counts, seconds);
    out.family("lintel_upstream_response_header_duration_seconds", "histogram",
               "Time from a request sent upstream to the upstream's response head.");
    support::write_latency_histogram(out, "lintel_upstream_response_header_duration_seconds", {},
                                     counts, seconds);
  }
  const auto opened = sum(
      workers, [](const WorkerMetrics& w) -> const auto& { return w.connections_opened; });
  const auto closed = sum(
      workers, [](const WorkerMetrics& w) -> const auto& { return w.connections_closed; });
  counter(out, "lintel_downstream_connections_total", "Client connections accepted.", opened);
  gauge(out, "lintel_downstream_connections_active", "Client connections open now.",
        static_cast<double>(opened >= closed ? opened - closed : 0));
  counter(out, "lintel_upstream_connects_total", "Connections opened to upstream endpoints.",
          sum(
              workers, [](const WorkerMetrics& w) -> const auto& { return w.upstream_connects; }));
  counter(out, "lintel_upstream_connect_failures_total",
          "Connections to upstream endpoints that failed or timed out.",
          sum(
              workers,
              [](const WorkerMetrics& w) -> const auto& { return w.upstream_connect_failures; }));
  counter(out, "lintel_upstream_timeouts_total",
          "Requests whose upstream did not answer in time (504).",
          sum(
              workers, [](const WorkerMetrics& w) -> const auto& { return w.upstream_timeouts; }));
  counter(out, "lintel_upstream_endpoint_ejections_total",
          "Endpoints taken out of balancing by passive health checks.",
          sum(
              workers, [](const WorkerMetrics& w) -> const auto& { return w.endpoint_ejections; }));
  out.family("lintel_snapshot_applies_total", "counter",
             "Snapshots offered to the data plane, by result (refused: the previous one kept "
             "serving).");
  out.sample("lintel_snapshot_applies_total", {{"result", "applied"}},
             static_cast<double>(snapshot.applied.load()));
  out.sample("lintel_snapshot_applies_total", {{"result", "refused"}},
             static_cast<double>(snapshot.refused.load()));
  gauge(out, "lintel_snapshot_version", "Version of the snapshot being served.",
        static_cast<double>(snapshot.version.load()));
  gauge(out, "lintel_snapshot_apply_duration_seconds",
        "Time the last applied snapshot took to compile and swap in.",
        snapshot.last_apply_seconds.load());
}

}  // namespace lintel::dataplane
