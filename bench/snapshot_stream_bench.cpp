// Times the snapshot stream (lintel controller -> lintel proxy) in-process on loopback: a
// manifest change is reconciled by the real controller (decode, convert, translate), sent by
// its SnapshotServer and received, decoded and handed to apply by P SnapshotClients. The apply
// callback only records the time (the data plane's compile and swap are lintel_swap_bench's).
//
//   lintel_snapshot_stream_bench [ROUTES] [PROXIES] [CHANGES]     (defaults 1000, 1 and 100)
//
// Prints the snapshot's size on the wire, then p50/p99/max over the changes of: change ->
// applied on every proxy, and publish -> applied on every proxy (the stream's own share).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "lintel/controller/reconciler.h"
#include "lintel/controller/snapshot_server.h"
#include "lintel/dataplane/snapshot_client.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path.string() + ".tmp") << text;
  fs::rename(path.string() + ".tmp", path);
}

std::string ingress(const std::string& name, const std::string& host, const std::string& path) {
  return "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: " + name +
         "}\nspec:\n  rules:\n  - host: " + host +
         "\n    http:\n      paths:\n      - {path: " + path +
         ", pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n";
}

// Every proxy's latest applied version, and when each proxy got each version.
struct Arrivals {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::uint64_t> version;
  std::vector<Clock::time_point> at;
};

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  const int routes = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int proxies = argc > 2 ? std::atoi(argv[2]) : 1;
  const int changes = argc > 3 ? std::atoi(argv[3]) : 100;
  if (routes < 1 || proxies < 1 || changes < 1) {
    std::fprintf(stderr, "usage: lintel_snapshot_stream_bench [ROUTES] [PROXIES] [CHANGES]\n");
    return 2;
  }
  const fs::path folder =
      fs::temp_directory_path() / ("lintel-stream-bench-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::string text =
      "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{name: http, port: "
      "80}]}\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: "
      "web\n  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nports: [{name: http, "
      "port: 8080}]\nendpoints: [{addresses: [127.0.0.1]}]\n";
  for (int i = 1; i < routes; ++i)
    text += ingress("r" + std::to_string(i), "h" + std::to_string(i) + ".example.com", "/");
  write(folder / "routes.yaml", text);
  write(folder / "probe.yaml", ingress("probe", "probe.example.com", "/0"));

  std::string error;
  auto server = lintel::controller::SnapshotServer::start("127.0.0.1", 0, error);
  if (!server) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  Clock::time_point published_at;
  std::size_t wire_bytes = 0;
  lintel::controller::StandaloneOptions options;
  options.manifest_paths = {folder.string()};
  options.conversion.always_emit_default_gateway = true;
  lintel::controller::StandaloneController controller(
      options, [&](std::shared_ptr<const lintel::snapshot::v1::Snapshot> snapshot, std::string&) {
        // ControllerMessage{snapshot} framed: a tag byte and a varint length before the
        // snapshot's bytes, and the 5-byte frame header before that.
        const std::size_t bytes = snapshot->ByteSizeLong();
        std::size_t varint = 1;
        for (std::size_t rest = bytes >> 7; rest; rest >>= 7) ++varint;
        wire_bytes = 5 + 1 + varint + bytes;
        published_at = Clock::now();
        server->publish(std::move(snapshot));
        return true;
      });

  Arrivals arrivals;
  arrivals.version.assign(proxies, 0);
  arrivals.at.assign(proxies, Clock::time_point());
  std::vector<std::unique_ptr<lintel::dataplane::SnapshotClient>> clients;
  for (int p = 0; p < proxies; ++p) {
    lintel::dataplane::SnapshotClientOptions client;
    client.host = "127.0.0.1";
    client.port = std::to_string(server->port());
    client.node = "bench-" + std::to_string(p);
    clients.push_back(lintel::dataplane::SnapshotClient::start(
        client, [&arrivals, p](std::shared_ptr<const lintel::snapshot::v1::Snapshot> snapshot,
                               std::string&) {
          std::lock_guard lock(arrivals.mutex);
          arrivals.version[p] = snapshot->version();
          arrivals.at[p] = Clock::now();
          arrivals.changed.notify_all();
          return true;
        }));
  }
  // Waits (at most 10 s) until every proxy applied `version`; the time the last one did.
  auto all_applied = [&](std::uint64_t version, Clock::time_point& last) {
    std::unique_lock lock(arrivals.mutex);
    const bool done = arrivals.changed.wait_for(lock, std::chrono::seconds(10), [&] {
      return std::all_of(arrivals.version.begin(), arrivals.version.end(),
                         [&](std::uint64_t v) { return v >= version; });
    });
    last = *std::max_element(arrivals.at.begin(), arrivals.at.end());
    return done;
  };

  auto first = controller.reconcile();
  Clock::time_point last;
  if (!first.published || !all_applied(first.version, last)) {
    std::fprintf(stderr, "the first snapshot did not reach every proxy within 10 s\n");
    return 1;
  }
  std::vector<double> change_ms, stream_ms;
  for (int round = 1; round <= changes; ++round) {
    write(folder / "probe.yaml",
          ingress("probe", "probe.example.com", "/" + std::to_string(round)));
    const auto start = Clock::now();
    auto outcome = controller.reconcile();
    if (!outcome.published || !all_applied(outcome.version, last)) {
      std::fprintf(stderr, "change %d did not reach every proxy within 10 s\n", round);
      return 1;
    }
    change_ms.push_back(ms(last - start));
    stream_ms.push_back(ms(last - published_at));
  }
  std::printf(
      "%d routes, %d proxies, %d changes: snapshot %zu bytes on the wire; change -> applied on "
      "all p50 %.2f ms p99 %.2f ms max %.2f ms; publish -> applied on all (the stream) p50 %.2f "
      "ms p99 %.2f ms max %.2f ms\n",
      first.routes == 0 ? routes : static_cast<int>(first.routes), proxies, changes, wire_bytes,
      percentile(change_ms, 0.5), percentile(change_ms, 0.99),
      *std::max_element(change_ms.begin(), change_ms.end()), percentile(stream_ms, 0.5),
      percentile(stream_ms, 0.99), *std::max_element(stream_ms.begin(), stream_ms.end()));
  for (auto& client : clients) client->stop();
  server->stop();
  fs::remove_all(folder);
  return 0;
}
