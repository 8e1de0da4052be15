#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "asio_beast.h"
#include "client_stream.h"
#include "compiled_config.h"
#include "endpoint_health.h"
#include "fast_random.h"
#include "lintel/dataplane/proxy_server.h"
#include "proxy_metrics.h"
#include "tls/session_ticket_keys.h"
#include "upstream_pool.h"

namespace lintel::dataplane {

// What all workers read: the options and the published config.
struct ProxyShared {
  explicit ProxyShared(const ProxyOptions& proxy_options) : options(proxy_options) {}
  const ProxyOptions options;
  std::atomic<std::shared_ptr<const CompiledConfig>> config;
  // Bumped after every publish; workers compare it (one relaxed-cost load) instead of taking
  // the shared_ptr's internal lock on every request.
  std::atomic<std::uint64_t> generation{0};
  std::atomic<bool> stopping{false};
  // Every HTTPS listener's tickets, whatever snapshot it came from, so that a certificate
  // change does not cost clients their sessions.
  mutable tls::SessionTicketKeys ticket_keys;
};

// Everything one worker thread owns. Only that thread touches it, except `active_requests`
// (read by stop()), `metrics` (read by the admin thread) and `io` (thread-safe by design).
struct ProxyWorker {
  ProxyWorker(unsigned worker_index, const ProxyOptions& options)
      : index(worker_index),
        pool(options.max_idle_upstream_connections, std::chrono::seconds(30)),
        health(options.consecutive_failures_to_eject, options.base_ejection_time) {}

  // The current config seen through a worker-local shared_ptr: copying it per request bumps a
  // count no other core writes, so requests on different workers never share a cache line.
  std::shared_ptr<const CompiledConfig> config(const ProxyShared& shared) {
    const auto generation = shared.generation.load(std::memory_order_acquire);
    if (generation != cached_generation) {
      auto global = shared.config.load(std::memory_order_acquire);
      auto holder = std::make_shared<std::shared_ptr<const CompiledConfig>>(std::move(global));
      const CompiledConfig* raw = holder->get();
      cached_config = std::shared_ptr<const CompiledConfig>(std::move(holder), raw);
      cached_generation = generation;
    }
    return cached_config;
  }

  std::thread thread;
  const unsigned index;
  UpstreamPool pool;  // emptied by stop() while `io` is still alive
  EndpointHealth health;
  FastRandom random;
  std::uint64_t cached_generation = ~std::uint64_t{0};
  std::shared_ptr<const CompiledConfig> cached_config;
  std::size_t mirrors_in_flight = 0;
  alignas(64) WorkerMetrics metrics;  // written by this worker, read by /metrics
  alignas(64) std::atomic<int> active_requests{0};
  // Last, so it is destroyed first: destroying it destroys the suspended connection
  // coroutines, which still use the members above.
  asio::io_context io{1};
};

// Serves one client connection (plain, or TLS after its handshake) accepted on the listener
// bound to `bound` until it closes.
asio::awaitable<void> serve_proxy_connection(ClientStream client, tcp::endpoint peer,
                                             tcp::endpoint bound, ProxyWorker& worker,
                                             const ProxyShared& shared);

}  // namespace lintel::dataplane
