#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>

#include "commands.h"
#include "control_plane.h"
#include "flags.h"
#include "host_port.h"
#include "lintel/dataplane/admin_server.h"
#include "lintel/dataplane/proxy_server.h"
#include "lintel/dataplane/snapshot_client.h"
#include "lintel/support/log.h"
#include "load_balancing_flag.h"
#include "replica_identity.h"

namespace lintel::cmd {

int run_proxy(int argc, char** argv) {
  std::string error;
  auto flags =
      Flags::parse(argc, argv,
                   {"controller", "workers", "admin-port", "admin-address", "bind-address",
                    "port-offset", "node", "load-balancing", "controller-ca",
                    "controller-server-name", "controller-client-cert", "controller-client-key"},
                   {}, error);
  long admin_port = 9901, workers = 0, port_offset = 0;
  if (!flags || !flags->get_int("admin-port", 9901, 0, 65535, admin_port, error) ||
      !flags->get_int("workers", 0, 0, 256, workers, error) ||
      !flags->get_int("port-offset", 0, -65535, 65535, port_offset, error)) {
    std::fprintf(stderr, "lintel proxy: %s\n", error.c_str());
    return 2;
  }
  dataplane::SnapshotClientOptions client_options;
  if (!flags->has("controller")) {
    std::fprintf(stderr,
                 "lintel proxy: give --controller HOST:PORT (a `lintel controller`'s "
                 "--snapshot-listen)\n");
    return 2;
  }
  if (!split_host_port(flags->get("controller"), client_options.host, client_options.port, error)) {
    std::fprintf(stderr, "lintel proxy: --controller: %s\n", error.c_str());
    return 2;
  }
  client_options.node = flags->get("node", replica_identity());
  if (flags->has("controller-ca") || flags->has("controller-client-cert") ||
      flags->has("controller-client-key")) {
    client_options.tls =
        snapshot::StreamTlsFiles{flags->get("controller-client-cert"),
                                 flags->get("controller-client-key"), flags->get("controller-ca")};
    // Checked now, so that a wrong path is a usage error rather than endless reconnects.
    if (!snapshot::client_tls_context(*client_options.tls, error)) {
      std::fprintf(stderr, "lintel proxy: --controller-ca: %s\n", error.c_str());
      return 2;
    }
  }
  client_options.server_name = flags->get("controller-server-name", "");

  dataplane::ProxyOptions proxy_options;
  if (!load_balancing_flag(*flags, "proxy", proxy_options.load_balancing)) return 2;
  // Empty: each snapshot listener binds the address the controller's translator gave it.
  proxy_options.bind_address = flags->get("bind-address", "");
  proxy_options.workers = static_cast<unsigned>(workers);
  proxy_options.port_offset = static_cast<int>(port_offset);

  block_stop_signals();
  auto proxy = dataplane::ProxyServer::create(proxy_options);
  std::atomic<bool> stopping{false};
  // Ready once a first snapshot serves, and until asked to stop.
  auto handlers = serving_handlers([&] { return proxy->current() && !stopping.load(); },
                                   [&] { return proxy->current(); });
  handlers["/metrics"] = [&] {
    support::PrometheusText text;
    proxy->write_metrics(text);
    return dataplane::AdminResponse{200, support::PrometheusText::kContentType, text.text()};
  };
  auto admin =
      dataplane::AdminServer::start(flags->get("admin-address", "127.0.0.1"),
                                    static_cast<std::uint16_t>(admin_port), handlers, error);
  if (!admin) {
    std::fprintf(stderr, "lintel proxy: admin port: %s\n", error.c_str());
    proxy->stop();
    return 1;
  }
  auto client = dataplane::SnapshotClient::start(client_options, [&](std::shared_ptr<
                                                                         const snapshot::v1::
                                                                             Snapshot>
                                                                         snapshot,
                                                                     std::string& apply_error) {
    const std::uint64_t version = snapshot->version();
    const auto start = std::chrono::steady_clock::now();
    if (!proxy->apply(std::move(snapshot), apply_error)) return false;
    char apply_ms[32];
    std::snprintf(
        apply_ms, sizeof apply_ms, "%.2f",
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    log::info("snapshot applied", {{"version", std::to_string(version)}, {"apply_ms", apply_ms}});
    return true;
  });
  log::info("lintel proxy started", {{"controller", flags->get("controller")},
                                     {"node", client_options.node},
                                     {"admin_port", std::to_string(admin->port())}});

  wait_for_stop_signal();
  stopping.store(true);
  client->stop();
  proxy->stop();
  admin->stop();
  return 0;
}

}  // namespace lintel::cmd
