#include <atomic>
#include <boost/asio/ip/address.hpp>
#include <cstdio>
#include <string>

#include "commands.h"
#include "control_plane.h"
#include "flags.h"
#include "host_port.h"
#include "lintel/controller/snapshot_server.h"
#include "lintel/dataplane/admin_server.h"
#include "lintel/support/json_text.h"
#include "lintel/support/log.h"

namespace lintel::cmd {

namespace {

std::string quoted(const std::string& text) {
  std::string out;
  support::append_json_string(out, text);
  return out;
}

// /proxies: every connected proxy and the versions it was sent, serves and refused.
std::string proxies_json(const std::vector<controller::ProxyReport>& proxies) {
  std::string json = "{\"proxies\": [";
  for (std::size_t i = 0; i < proxies.size(); ++i) {
    const auto& p = proxies[i];
    json += std::string(i ? ",\n  " : "\n  ") + "{\"node\": " + quoted(p.node) +
            ", \"peer\": " + quoted(p.peer) + ", \"sent\": " + std::to_string(p.sent) +
            ", \"acked\": " + std::to_string(p.acked) +
            ", \"nacked\": " + std::to_string(p.nacked) +
            ", \"nackError\": " + quoted(p.nack_error) + "}";
  }
  return json + (proxies.empty() ? "]}\n" : "\n]}\n");
}

// How many proxies are connected, and how many of them serve the newest snapshot.
void write_stream_metrics(const std::vector<controller::ProxyReport>& proxies,
                          const std::shared_ptr<const snapshot::v1::Snapshot>& newest,
                          support::PrometheusText& out) {
  std::size_t in_step = 0;
  for (const auto& proxy : proxies)
    if (newest && proxy.acked == newest->version()) ++in_step;
  out.family("lintel_snapshot_stream_proxies", "gauge",
             "Proxies connected to this controller, and those of them serving its newest "
             "snapshot.");
  out.sample("lintel_snapshot_stream_proxies", {{"state", "connected"}},
             static_cast<double>(proxies.size()));
  out.sample("lintel_snapshot_stream_proxies", {{"state", "serving_newest"}},
             static_cast<double>(in_step));
}

bool is_loopback(const std::string& host) {
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(host, error);
  return !error && address.is_loopback();
}

}  // namespace

int run_controller(int argc, char** argv) {
  std::string error;
  std::vector<std::string> known = control_plane_flags();
  for (const char* flag :
       {"snapshot-listen", "snapshot-tls-cert", "snapshot-tls-key", "snapshot-client-ca"})
    known.push_back(flag);
  auto flags = Flags::parse(argc, argv, known, control_plane_switches(), error);
  long admin_port = 9901;
  if (!flags || !flags->get_int("admin-port", 9901, 0, 65535, admin_port, error)) {
    std::fprintf(stderr, "lintel controller: %s\n", error.c_str());
    return 2;
  }
  std::string listen_host, listen_port;
  if (!split_host_port(flags->get("snapshot-listen", "0.0.0.0:18000"), listen_host, listen_port,
                       error)) {
    std::fprintf(stderr, "lintel controller: --snapshot-listen: %s\n", error.c_str());
    return 2;
  }
  controller::SnapshotServerOptions server_options;
  if (flags->has("snapshot-tls-cert") || flags->has("snapshot-tls-key") ||
      flags->has("snapshot-client-ca")) {
    server_options.tls =
        snapshot::StreamTlsFiles{flags->get("snapshot-tls-cert"), flags->get("snapshot-tls-key"),
                                 flags->get("snapshot-client-ca")};
  }
  auto plane = ControlPlane::create(*flags, "controller", ControlPlane::Publishing::to_proxies);
  if (!plane) return 2;

  block_stop_signals();
  auto server = controller::SnapshotServer::start(
      listen_host, static_cast<std::uint16_t>(std::stoul(listen_port)), error, server_options);
  if (!server) {
    std::fprintf(stderr, "lintel controller: --snapshot-listen: %s\n", error.c_str());
    return 1;
  }
  if (!plane->start([&](std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string&) {
        server->publish(std::move(snapshot));
        return true;
      }))
    return 1;

  std::atomic<bool> ready{true};
  auto handlers = serving_handlers([&] { return ready.load(); }, [&] { return plane->current(); });
  plane->add_status_handlers(handlers, [&] {
    auto current = plane->current();
    return current ? current->version() : 0;
  });
  handlers["/metrics"] = [&] {
    support::PrometheusText text;
    plane->write_metrics(text);
    write_stream_metrics(server->proxies(), plane->current(), text);
    return dataplane::AdminResponse{200, support::PrometheusText::kContentType, text.text()};
  };
  handlers["/proxies"] = [&] {
    return dataplane::AdminResponse{200, "application/json", proxies_json(server->proxies())};
  };
  auto admin =
      dataplane::AdminServer::start(flags->get("admin-address", "127.0.0.1"),
                                    static_cast<std::uint16_t>(admin_port), handlers, error);
  if (!admin) {
    std::fprintf(stderr, "lintel controller: admin port: %s\n", error.c_str());
    return 1;
  }
  if (!server_options.tls && !is_loopback(listen_host)) {
    log::warn(
        "snapshots go to proxies in clear text, and they carry the private keys of TLS "
        "listeners: give --snapshot-tls-cert and --snapshot-tls-key (and --snapshot-client-ca)",
        {{"snapshot_listen", listen_host}});
  }
  log::info("lintel controller serving snapshots",
            {{"snapshot_port", std::to_string(server->port())},
             {"tls", !server_options.tls              ? "off"
                     : server_options.tls->ca.empty() ? "on"
                                                      : "mutual"},
             {"admin_port", std::to_string(admin->port())},
             {"snapshot_version", std::to_string(plane->current()->version())}});

  plane->watch();
  wait_for_stop_signal();
  ready.store(false);
  plane->stop();
  server->stop();
  admin->stop();
  return 0;
}

}  // namespace lintel::cmd
