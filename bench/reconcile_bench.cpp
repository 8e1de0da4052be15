// Times standalone mode's whole control loop at scale: a manifest folder of ROUTES HTTPRoutes
// over GATEWAYS Gateways (one file per Gateway), reconciled from cold, then again after one
// route in one file changes, as `lintel run` does on every save. Prints the figures issue 6
// asks for (full rebuild, one change to a new snapshot) and the process's resident memory.
//
//   lintel_reconcile_bench [ROUTES] [GATEWAYS] [CHANGES]      (defaults 10000, 100 and 20)
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lintel/controller/reconciler.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// This thread's CPU time in milliseconds: on a shared machine, wall time also counts the time
// other processes had the CPU.
double cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[(values.size() - 1) / 2];
}

long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

std::string route_yaml(int route, int gateway, int generation) {
  std::string n = std::to_string(route);
  return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r" +
         n + "\n  namespace: apps\nspec:\n  parentRefs:\n  - name: g" + std::to_string(gateway) +
         "\n    namespace: infra\n  hostnames: [\"h" + n +
         ".example.com\"]\n  rules:\n  - matches:\n    - path: {type: PathPrefix, value: /v" +
         std::to_string(generation) + "}\n    backendRefs:\n    - {name: web, port: 80}\n";
}

std::string gateway_file(int gateway, int routes, int gateways, int changed_route, int generation) {
  std::string text =
      "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g" +
      std::to_string(gateway) +
      "\n  namespace: infra\nspec:\n  gatewayClassName: lintel\n  listeners:\n  - name: http\n"
      "    port: 80\n    protocol: HTTP\n    allowedRoutes: {namespaces: {from: All}}\n";
  for (int route = gateway; route < routes; route += gateways)
    text += route_yaml(route, gateway, route == changed_route ? generation : 0);
  return text;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

void check(const lintel::controller::ReconcileOutcome& outcome, const char* what) {
  if (!outcome.errors.empty()) {
    std::fprintf(stderr, "%s: %s\n", what, outcome.errors[0].to_string().c_str());
    std::exit(1);
  }
  if (!outcome.published) {
    std::fprintf(stderr, "%s: no new snapshot was published (%s)\n", what,
                 outcome.publish_error.c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int routes = argc > 1 ? std::atoi(argv[1]) : 10000;
  int gateways = argc > 2 ? std::atoi(argv[2]) : 100;
  int changes = argc > 3 ? std::atoi(argv[3]) : 20;
  if (routes < 1 || gateways < 1 || changes < 1) {
    std::fprintf(stderr, "usage: lintel_reconcile_bench [ROUTES] [GATEWAYS] [CHANGES]\n");
    return 2;
  }
  fs::path folder =
      fs::temp_directory_path() / ("lintel-reconcile-bench-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  write_file(folder / "base.yaml",
             "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: "
             "lintel}\nspec: {controllerName: lintel.io/gateway-controller}\n---\n"
             "apiVersion: v1\nkind: Namespace\nmetadata: {name: infra}\n---\n"
             "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n---\n"
             "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: apps}\n"
             "spec: {ports: [{name: http, port: 80}]}\n---\n"
             "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web\n"
             "  namespace: apps\n  labels: {kubernetes.io/service-name: web}\n"
             "addressType: IPv4\nports: [{name: http, port: 8080}]\n"
             "endpoints: [{addresses: [127.0.0.1]}]\n");
  for (int g = 0; g < gateways; ++g)
    write_file(folder / ("gateway-" + std::to_string(g) + ".yaml"),
               gateway_file(g, routes, gateways, -1, 0));
  long rss_before = resident_kib();

  lintel::controller::StandaloneOptions options;
  options.manifest_paths = {folder.string()};
  lintel::controller::StandaloneController controller(
      options,
      [](std::shared_ptr<const lintel::snapshot::v1::Snapshot>, std::string&) { return true; });
  auto start = Clock::now();
  double cpu_start = cpu_ms();
  auto first = controller.reconcile();
  double full_ms = since(start);
  double full_cpu_ms = cpu_ms() - cpu_start;
  check(first, "full rebuild");
  long rss_after = resident_kib();

  std::vector<double> change_ms, change_cpu_ms;
  for (int round = 1; round <= changes; ++round) {
    int route = (round * 7919) % routes;
    int gateway = route % gateways;
    write_file(folder / ("gateway-" + std::to_string(gateway) + ".yaml"),
               gateway_file(gateway, routes, gateways, route, round));
    start = Clock::now();
    cpu_start = cpu_ms();
    auto outcome = controller.reconcile();
    change_ms.push_back(since(start));
    change_cpu_ms.push_back(cpu_ms() - cpu_start);
    if (round == changes)
      std::printf("last change: load %.1f ms, translate %.1f ms\n", outcome.load_ms,
                  outcome.translate_ms);
    check(outcome, "one changed route");
  }
  std::sort(change_ms.begin(), change_ms.end());
  auto at = [&](double q) { return change_ms[static_cast<size_t>(q * (change_ms.size() - 1))]; };
  std::printf(
      "%d HTTPRoutes over %d Gateways: full rebuild %.1f ms (load %.1f, translate %.1f); "
      "one changed route -> new snapshot: median %.1f ms, p90 %.1f ms, max %.1f ms over %d "
      "changes; %zu routes served; RSS %ld KiB -> %ld KiB (%.2f KiB per route); CPU time: full "
      "rebuild %.1f ms, one change median %.1f ms\n",
      routes, gateways, full_ms, first.load_ms, first.translate_ms, at(0.5), at(0.9),
      change_ms.back(), changes, first.routes, rss_before, rss_after,
      static_cast<double>(rss_after - rss_before) / routes, full_cpu_ms, median(change_cpu_ms));
  fs::remove_all(folder);
  return 0;
}
