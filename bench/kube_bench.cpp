// Kubernetes mode at scale, against the test API server over a real socket: the initial sync of
// OBJECTS HTTPRoutes, the first reconcile and status write of all of them, then ROUTES routes
// applied at once (as one `kubectl apply`), timed until every one of them has its status written
// back, with the number of status writes that took.
//
//   lintel_kube_bench [OBJECTS] [ROUTES]      (defaults 10000 and 1000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kube/kubernetes_source.h"
#include "kube/status_publisher.h"
#include "lintel/controller/reconciler.h"
#include "lintel/controller/status_writer.h"
#include "test_api_server.h"

namespace {

using Clock = std::chrono::steady_clock;
using json = web::json::value;
namespace kube = lintel::controller::kube;

double since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

json route(int i) {
  return json::parse(
      R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"r)" +
      std::to_string(i) +
      R"(","namespace":"apps"},"spec":{"parentRefs":[{"name":"web","namespace":"infra"}],"hostnames":["h)" +
      std::to_string(i) +
      R"(.example.com"],"rules":[{"backendRefs":[{"name":"web","port":80}]}]}})");
}

}  // namespace

int main(int argc, char** argv) {
  const int objects = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int burst = argc > 2 ? std::atoi(argv[2]) : 1000;
  lintel::test::TestApiServer server;
  std::string error;
  if (!server.start(0, error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  server.apply("/apis/gateway.networking.k8s.io/v1/gatewayclasses",
               json::parse(R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass",
      "metadata":{"name":"lintel"},"spec":{"controllerName":"lintel.io/gateway-controller"}})"));
  server.apply("/apis/gateway.networking.k8s.io/v1/namespaces/infra/gateways",
               json::parse(R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway",
      "metadata":{"name":"web","namespace":"infra"},"spec":{"gatewayClassName":"lintel",
      "listeners":[{"name":"http","port":80,"protocol":"HTTP","allowedRoutes":{"namespaces":{"from":"All"}}}]}})"));
  server.apply("/api/v1/namespaces/apps/services",
               json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web",
      "namespace":"apps"},"spec":{"ports":[{"name":"http","port":80}]}})"));
  for (int i = 0; i < objects; ++i)
    server.apply("/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes", route(i));

  kube::ClusterAccess access;
  access.server = server.url();
  auto start = Clock::now();
  auto source = std::make_shared<kube::KubernetesSource>(access, kube::ReflectorOptions{});
  if (!source->wait_for_sync(std::chrono::seconds(60))) {
    std::fprintf(stderr, "no sync within 60 s\n");
    return 1;
  }
  const double sync_ms = since(start);

  lintel::controller::StandaloneOptions options;
  options.source = source;
  auto controller = std::make_unique<lintel::controller::StandaloneController>(
      options,
      [](std::shared_ptr<const lintel::snapshot::v1::Snapshot>, std::string&) { return true; });
  lintel::controller::StatusWriter writer("lintel.io/gateway-controller");
  kube::StatusPublisher publisher(source->client(), "lintel.io/gateway-controller");
  const auto now = [] { return lintel::controller::rfc3339_utc(std::chrono::system_clock::now()); };

  start = Clock::now();
  auto outcome = controller->reconcile();
  const double reconcile_ms = since(start);
  start = Clock::now();
  auto failures = publisher.publish(writer, writer.update(*outcome.graph, now()));
  const double first_status_ms = since(start);
  const auto first_writes = publisher.writes();

  // A burst: `burst` new routes at once; the loop reconciles when the watch events have come.
  for (int i = objects; i < objects + burst; ++i)
    server.apply("/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes", route(i));
  start = Clock::now();
  int reconciles = 0;
  double reconcile_total_ms = 0, publish_total_ms = 0;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (Clock::now() < deadline) {
    if (!source->wait(std::chrono::milliseconds(1000), std::chrono::milliseconds(2))) continue;
    auto step = Clock::now();
    outcome = controller->reconcile();
    ++reconciles;
    const double reconcile_ms_here = since(step);
    const auto changes = writer.update(*outcome.graph, now());
    if (std::getenv("LINTEL_BENCH_VERBOSE"))
      std::fprintf(stderr,
                   "reconcile: load %.0f ms, translate %.0f ms, all %.0f ms, status %.0f ms\n",
                   outcome.load_ms, outcome.translate_ms, reconcile_ms_here,
                   since(step) - reconcile_ms_here);
    reconcile_total_ms += since(step);
    step = Clock::now();
    auto more = publisher.publish(writer, changes);
    publish_total_ms += since(step);
    failures.insert(failures.end(), more.begin(), more.end());
    if (publisher.writes() - first_writes >= static_cast<std::uint64_t>(burst) + 1) break;
  }
  const double burst_ms = since(start);
  std::printf(
      "%d HTTPRoutes: initial sync %.0f ms, first reconcile %.0f ms, first status write of "
      "%llu objects %.0f ms; then %d routes at once: every status written %.0f ms after the "
      "apply, in %d reconcile(s) (%.0f ms reconciling, %.0f ms writing), %llu status writes (%zu "
      "failures)\n",
      objects, sync_ms, reconcile_ms, static_cast<unsigned long long>(first_writes),
      first_status_ms, burst, burst_ms, reconciles, reconcile_total_ms, publish_total_ms,
      static_cast<unsigned long long>(publisher.writes() - first_writes), failures.size());
  // The reflectors stop (the controller holds the source too) before the server does.
  controller.reset();
  source.reset();
  server.stop();
  return 0;
}
