#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "lintel/snapshot/v1/snapshot.pb.h"
#include "lintel/support/prometheus_text.h"

namespace lintel::dataplane {

// How a request picks one endpoint of a cluster.
enum class LoadBalancing {
  kRoundRobin,
  // The fewer of two random endpoints' requests in flight (counted per worker).
  kLeastRequest,
};

struct ProxyOptions {
  // Overrides every Listener.address when set; empty means "use the snapshot's address".
  std::string bind_address = "0.0.0.0";
  unsigned workers = 0;  // 0: one per hardware thread
  // Added to every snapshot listener port when binding, for unprivileged runs and tests.
  int port_offset = 0;
  std::chrono::milliseconds upstream_connect_timeout{5000};
  // Longest wait for the upstream's response header, and between two reads of its body.
  std::chrono::milliseconds upstream_timeout{60000};
  // Longest a client connection may sit idle between requests or stall a read or write.
  std::chrono::milliseconds client_idle_timeout{60000};
  // Longest a client may take, once a request head has begun, to send the rest of it: past it,
  // 408 and close (a client that trickles a head byte by byte holds nothing for long).
  std::chrono::milliseconds request_header_timeout{10000};
  // How long stop() lets in-flight requests finish before cutting them off.
  std::chrono::milliseconds shutdown_grace{2000};
  std::size_t max_request_header_bytes = 64 * 1024;    // larger: 431
  std::uint64_t max_request_body_bytes = 1024 * 1024;  // larger: 413
  // Per worker and upstream endpoint. HTTP/2 clients multiplex: one connection may have 128
  // requests in flight, each on an upstream connection of its own.
  std::size_t max_idle_upstream_connections = 1024;
  // Passive health: consecutive failures that eject an endpoint, and for how long at first.
  unsigned consecutive_failures_to_eject = 5;
  std::chrono::milliseconds base_ejection_time{10000};
  // Endpoints tried for one request when connecting fails (nothing was sent, so any method is
  // safe to try again elsewhere).
  unsigned max_connect_attempts = 3;
  LoadBalancing load_balancing = LoadBalancing::kRoundRobin;
  // RequestMirror copies under way per worker; past this, further copies are dropped rather
  // than let a slow mirror backend take the proxy's memory.
  std::size_t max_mirrors_in_flight = 256;
};

// The HTTP/1.1 data plane: one io_context per worker thread, an SO_REUSEPORT acceptor per
// worker and listener port, routing by the listener's compiled ListenerRouter, forwarding over
// per-worker keep-alive upstream pools. The compiled config is immutable and published
// atomically, so a request keeps the config it started with and a swap never drops one.
class ProxyServer {
 public:
  // Starts the workers; nothing listens until the first apply().
  static std::unique_ptr<ProxyServer> create(const ProxyOptions& options);
  ~ProxyServer();
  ProxyServer(const ProxyServer&) = delete;
  ProxyServer& operator=(const ProxyServer&) = delete;

  // Compiles every listener and cluster, binds ports that are new, closes ports that are gone
  // (open connections on kept ports survive) and publishes the result. On any failure (a regex
  // that does not compile, a port that cannot be bound, a reference to an unknown cluster)
  // returns false with `error` set and keeps serving the previous config. The caller orders
  // snapshots: a version lower than the one served (from another controller replica) is
  // applied like any other.
  bool apply(std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string& error);

  // Requests, latencies, connections, upstream failures and snapshot swaps, as Prometheus
  // families (any thread; the counts are read without stopping the workers).
  void write_metrics(support::PrometheusText& out) const;

  // The snapshot being served, or null before the first successful apply().
  std::shared_ptr<const snapshot::v1::Snapshot> current() const;

  // Closes the listeners, lets in-flight requests finish within the grace period, then joins
  // the workers. Safe to call twice.
  void stop();

  // Impl is private to proxy_server.cpp, so only create() can build one.
  struct Impl;
  explicit ProxyServer(std::unique_ptr<Impl> impl);

 private:
  // apply() without its checks and counts.
  bool install(std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string& error);
  void release_previous_config();

  std::unique_ptr<Impl> impl_;
};

}  // namespace lintel::dataplane
