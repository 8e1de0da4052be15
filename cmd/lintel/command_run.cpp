#include <atomic>
#include <cstdio>
#include <string>

#include "commands.h"
#include "control_plane.h"
#include "flags.h"
#include "lintel/dataplane/admin_server.h"
#include "lintel/dataplane/proxy_server.h"
#include "lintel/support/log.h"
#include "load_balancing_flag.h"

namespace lintel::cmd {

int run_run(int argc, char** argv) {
  std::string error;
  std::vector<std::string> known = control_plane_flags();
  known.insert(known.end(), {"workers", "port-offset", "load-balancing"});
  auto flags = Flags::parse(argc, argv, known, control_plane_switches(), error);
  long http_port = 8080, admin_port = 9901, workers = 0, port_offset = 0;
  if (!flags || !flags->get_int("http-port", 8080, 1, 65535, http_port, error) ||
      !flags->get_int("admin-port", 9901, 0, 65535, admin_port, error) ||
      !flags->get_int("workers", 0, 0, 256, workers, error) ||
      !flags->get_int("port-offset", 0, -65535, 65535, port_offset, error)) {
    std::fprintf(stderr, "lintel run: %s\n", error.c_str());
    return 2;
  }
  dataplane::LoadBalancing load_balancing;
  if (!load_balancing_flag(*flags, "run", load_balancing)) return 2;
  auto plane = ControlPlane::create(*flags, "run", ControlPlane::Publishing::in_process);
  if (!plane) return 2;
  const auto& options = plane->options();

  dataplane::ProxyOptions proxy_options;
  // Empty: each snapshot listener binds the address the translator gave it.
  proxy_options.bind_address =
      options.translator.address_per_gateway ? "" : options.translator.bind_address;
  proxy_options.workers = static_cast<unsigned>(workers);
  proxy_options.port_offset = static_cast<int>(port_offset);
  proxy_options.load_balancing = load_balancing;

  block_stop_signals();
  auto proxy = dataplane::ProxyServer::create(proxy_options);
  if (!plane->start(
          [&](std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string& publish_error) {
            return proxy->apply(std::move(snapshot), publish_error);
          })) {
    proxy->stop();
    return 1;
  }

  std::atomic<bool> ready{true};
  auto handlers = serving_handlers([&] { return ready.load(); }, [&] { return proxy->current(); });
  plane->add_status_handlers(handlers, [&] {
    auto serving = proxy->current();
    return serving ? serving->version() : 0;
  });
  handlers["/metrics"] = [&] {
    support::PrometheusText text;
    proxy->write_metrics(text);
    plane->write_metrics(text);
    return dataplane::AdminResponse{200, support::PrometheusText::kContentType, text.text()};
  };
  // Loopback unless asked: /config_dump and /status tell a lot. In a pod, the kubelet's probes
  // need the pod's address (--admin-address 0.0.0.0).
  auto admin =
      dataplane::AdminServer::start(flags->get("admin-address", "127.0.0.1"),
                                    static_cast<std::uint16_t>(admin_port), handlers, error);
  if (!admin) {
    std::fprintf(stderr, "lintel run: admin port: %s\n", error.c_str());
    proxy->stop();
    return 1;
  }
  auto serving = proxy->current();
  log::info("lintel serving", {{"http_port", std::to_string(http_port + port_offset)},
                               {"admin_port", std::to_string(admin->port())},
                               {"snapshot_version", std::to_string(serving->version())}});

  plane->watch();
  wait_for_stop_signal();
  ready.store(false);
  plane->stop();
  proxy->stop();
  admin->stop();
  return 0;
}

}  // namespace lintel::cmd
