#include "lintel/dataplane/proxy_server.h"

#include <future>
#include <map>
#include <mutex>
#include <vector>

#include "accept_connections.h"
#include "io_thread.h"
#include "proxy_worker.h"
#include "reuse_port_acceptor.h"
#include "tls/terminate_tls.h"

namespace lintel::dataplane {
namespace {

using AcceptorList = std::vector<std::shared_ptr<tcp::acceptor>>;  // one per worker

// A port's protocol is the config's at accept time: a snapshot may turn it from HTTP to HTTPS
// and back while the acceptor stays.
asio::awaitable<void> serve_connection(tcp::socket socket, tcp::endpoint peer, tcp::endpoint bound,
                                       ProxyWorker& worker, const ProxyShared& shared) {
  std::shared_ptr<const tls::ServerTls> server_tls;
  if (const auto config = worker.config(shared)) {
    const auto found = config->listeners.find(bound);
    if (found != config->listeners.end()) server_tls = found->second.tls;
  }
  if (server_tls) {
    return serve_tls_connection(std::move(socket), peer, bound, std::move(server_tls), worker,
                                shared);
  }
  return serve_proxy_connection(ClientStream(std::move(socket)), peer, bound, worker, shared);
}

// Counts the connection open for as long as it is served, whichever protocol serves it.
asio::awaitable<void> serve_counted(tcp::socket socket, tcp::endpoint peer, tcp::endpoint bound,
                                    ProxyWorker& worker, const ProxyShared& shared) {
  worker.metrics.connections_opened.add();
  struct Closed {
    WorkerMetrics& metrics;
    ~Closed() { metrics.connections_closed.add(); }
  } closed{worker.metrics};
  co_await serve_connection(std::move(socket), peer, bound, worker, shared);
}

// Holds the acceptor for as long as connections are accepted from it.
asio::awaitable<void> accept_loop(std::shared_ptr<tcp::acceptor> acceptor, tcp::endpoint bound,
                                  ProxyWorker& worker, const ProxyShared& shared) {
  co_await accept_connections(
      *acceptor, [bound, &worker, &shared](tcp::socket socket, const tcp::endpoint& peer) {
        return serve_counted(std::move(socket), peer, bound, worker, shared);
      });
}

void close_on_worker(ProxyWorker& worker, std::shared_ptr<tcp::acceptor> acceptor) {
  // An acceptor is not thread-safe: close it on the thread whose accept is pending on it.
  asio::post(worker.io, [acceptor = std::move(acceptor)] {
    error_code ignored;
    acceptor->close(ignored);
  });
}

}  // namespace

struct ProxyServer::Impl {
  explicit Impl(const ProxyOptions& options) : shared(options) {}

  ProxyShared shared;
  std::vector<std::unique_ptr<ProxyWorker>> workers;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::mutex control_mutex;  // apply() and stop(); never taken on the request path
  std::map<tcp::endpoint, AcceptorList> open_ports;
  bool stopped = false;
  SnapshotMetrics snapshot_metrics;
};

ProxyServer::ProxyServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ProxyServer::~ProxyServer() {
  stop();
}

std::unique_ptr<ProxyServer> ProxyServer::create(const ProxyOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  unsigned count = options.workers;
  if (count == 0) count = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < count; ++i) {
    impl->workers.push_back(std::make_unique<ProxyWorker>(i, impl->shared.options));
  }
  for (auto& worker : impl->workers) {
    impl->guards.push_back(asio::make_work_guard(worker->io));
    worker->thread = start_io_thread(worker->io);
  }
  return std::make_unique<ProxyServer>(std::move(impl));
}

bool ProxyServer::apply(std::shared_ptr<const snapshot::v1::Snapshot> snapshot,
                        std::string& error) {
  if (!snapshot) {
    error = "no snapshot";
    return false;
  }
  std::lock_guard lock(impl_->control_mutex);
  if (impl_->stopped) {
    error = "proxy is stopped";
    return false;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t version = snapshot->version();
  auto& metrics = impl_->snapshot_metrics;
  if (!install(std::move(snapshot), error)) {
    metrics.refused.fetch_add(1);
    return false;
  }
  metrics.applied.fetch_add(1);
  metrics.version.store(version);
  metrics.last_apply_seconds.store(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return true;
}

void ProxyServer::write_metrics(support::PrometheusText& out) const {
  std::vector<const WorkerMetrics*> workers;
  for (const auto& worker : impl_->workers) workers.push_back(&worker->metrics);
  write_proxy_metrics(workers, impl_->snapshot_metrics, out);
}

bool ProxyServer::install(std::shared_ptr<const snapshot::v1::Snapshot> snapshot,
                          std::string& error) {
  const auto& options = impl_->shared.options;
  CompileSettings settings{options.bind_address, options.port_offset,
                           static_cast<unsigned>(impl_->workers.size()),
                           &impl_->shared.ticket_keys};
  auto config = compile_config(std::move(snapshot), settings, error);
  if (!config) return false;

  // Bind every new port before touching anything, so a failure leaves the old state whole.
  std::map<tcp::endpoint, AcceptorList> opened;
  for (const auto& [endpoint, listener] : config->listeners) {
    if (impl_->open_ports.count(endpoint)) continue;
    AcceptorList acceptors;
    for (auto& worker : impl_->workers) {
      auto acceptor = std::make_shared<tcp::acceptor>(worker->io);
      std::string bind_error;
      if (!open_reuse_port_acceptor(*acceptor, endpoint, bind_error)) {
        error = "listener \"" + listener.name + "\": " + bind_error;
        // Nothing accepts on these yet, so closing them here races with no one.
        for (auto& [unused_port, list] : opened) {
          for (auto& each : list) each->close();
        }
        for (auto& each : acceptors) each->close();
        return false;
      }
      acceptors.push_back(std::move(acceptor));
    }
    opened.emplace(endpoint, std::move(acceptors));
  }

  impl_->shared.config.store(config, std::memory_order_release);
  impl_->shared.generation.fetch_add(1, std::memory_order_acq_rel);
  release_previous_config();

  for (auto it = impl_->open_ports.begin(); it != impl_->open_ports.end();) {
    if (config->listeners.count(it->first) == 0) {
      for (std::size_t i = 0; i < it->second.size(); ++i) {
        close_on_worker(*impl_->workers[i], it->second[i]);
      }
      it = impl_->open_ports.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& [endpoint, acceptors] : opened) {
    for (std::size_t i = 0; i < acceptors.size(); ++i) {
      ProxyWorker& worker = *impl_->workers[i];
      asio::co_spawn(worker.io, accept_loop(acceptors[i], endpoint, worker, impl_->shared),
                     [](std::exception_ptr) {});
    }
    impl_->open_ports.emplace(endpoint, std::move(acceptors));
  }
  return true;
}

void ProxyServer::release_previous_config() {
  // Each worker caches the config it serves and swaps it only at its next request; an idle
  // worker would keep the previous one (and its memory) alive indefinitely. Have every worker
  // take the new one now, and wait a moment for it, so that when apply() returns the previous
  // config is gone, except in requests still running.
  std::vector<std::future<void>> taken;
  for (auto& worker : impl_->workers) {
    auto done = std::make_shared<std::promise<void>>();
    taken.push_back(done->get_future());
    asio::post(worker->io, [worker = worker.get(), &shared = impl_->shared, done] {
      worker->config(shared);
      done->set_value();
    });
  }
  for (auto& each : taken) each.wait_for(std::chrono::milliseconds(200));
}

std::shared_ptr<const snapshot::v1::Snapshot> ProxyServer::current() const {
  const auto config = impl_->shared.config.load();
  return config ? config->snapshot : nullptr;
}

void ProxyServer::stop() {
  std::map<tcp::endpoint, AcceptorList> closing;
  {
    std::lock_guard lock(impl_->control_mutex);
    if (impl_->stopped) return;
    impl_->stopped = true;
    impl_->shared.stopping.store(true);
    for (auto& [port, acceptors] : impl_->open_ports) {
      for (std::size_t i = 0; i < acceptors.size(); ++i) {
        close_on_worker(*impl_->workers[i], acceptors[i]);
      }
    }
    closing.swap(impl_->open_ports);
  }
  const auto deadline = std::chrono::steady_clock::now() + impl_->shared.options.shutdown_grace;
  const auto in_flight = [&] {
    int total = 0;
    for (const auto& worker : impl_->workers) {
      total += worker->active_requests.load(std::memory_order_acquire);
    }
    return total;
  };
  while (in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  impl_->guards.clear();
  for (auto& worker : impl_->workers) worker->io.stop();
  for (auto& worker : impl_->workers) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  // The posted closes may not have run before io.stop(); with the workers gone, close here.
  for (auto& [port, acceptors] : closing) {
    for (auto& acceptor : acceptors) {
      error_code ignored;
      acceptor->close(ignored);
    }
  }
  // Pooled sockets and connection coroutines belong to the io_contexts; let them go with them.
  for (auto& worker : impl_->workers) worker->pool.clear();
}

}  // namespace lintel::dataplane
