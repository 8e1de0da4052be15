// A reconcile that reuses what the last one computed (graph::GraphCache, TranslatorCache, the
// store's and the manifest source's caches) must give what a reconcile from scratch gives: a
// seeded run of random changes to a manifest folder, and after each one the snapshot and every
// status compared, byte for byte, with a fresh controller's over the same folder.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "graph/graph_cache.h"
#include "lintel/controller/reconciler.h"
#include "lintel/controller/status_writer.h"
#include "temp_folder.h"

namespace lintel::controller {
namespace {

// A usable key pair, from the graph's golden cases.
std::pair<std::string, std::string> usable_key_pair() {
  std::ifstream in(std::string(LINTEL_GRAPH_TESTDATA) + "/listener-secret-reference-grant.in.yaml");
  std::string line, crt, key;
  while (std::getline(in, line)) {
    if (crt.empty() && line.find("tls.crt: ") != std::string::npos)
      crt = line.substr(line.find(": ") + 2);
    if (key.empty() && line.find("tls.key: ") != std::string::npos)
      key = line.substr(line.find(": ") + 2);
  }
  return {crt, key};
}

// The manifest folder's objects, each in a file of its own, changed at random.
class World {
 public:
  explicit World(unsigned seed) : random_(seed), key_pair_(usable_key_pair()) {
    objects_["gatewayclass"] =
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: lintel}\n"
        "spec: {controllerName: lintel.io/gateway-controller}\n";
    for (int i = 0; i < 3; ++i) set_namespace(i);
    for (int i = 0; i < 3; ++i) set_gateway(i);
    for (int i = 0; i < 4; ++i) set_service(i);
    for (int i = 0; i < 2; ++i) set_secret(i);
    set_reference_grant(0);
    for (int i = 0; i < 12; ++i) set_route(i);
  }

  // One random change: an object of a random kind added, changed or deleted.
  std::string change() {
    switch (pick(7)) {
      case 0:
      case 1:
        return toggle("route", 16, [this](int i) { set_route(i); });
      case 2:
        return toggle("gateway", 4, [this](int i) { set_gateway(i); });
      case 3:
        return toggle("service", 5, [this](int i) { set_service(i); });
      case 4:
        return toggle("referencegrant", 2, [this](int i) { set_reference_grant(i); });
      case 5:
        return toggle("secret", 3, [this](int i) { set_secret(i); });
      default:
        set_namespace(pick(3));
        return "namespace labels";
    }
  }

  // Makes the folder hold exactly the world's objects.
  void write(const TempFolder& folder) const {
    for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
      if (!objects_.count(entry.path().stem().string())) std::filesystem::remove(entry.path());
    }
    for (const auto& [name, text] : objects_) {
      std::string path = folder.path() + "/" + name + ".yaml";
      std::ifstream in(path);
      std::stringstream current;
      current << in.rdbuf();
      if (current.str() != text) folder.write(name + ".yaml", text);
    }
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  bool chance(int percent) { return pick(100) < percent; }

  template <typename Set>
  std::string toggle(const std::string& kind, int count, Set set) {
    int i = pick(count);
    std::string name = kind + "-" + std::to_string(i);
    if (objects_.count(name) && chance(30)) {
      objects_.erase(name);
      return "delete " + name;
    }
    set(i);
    return "set " + name;
  }

  // Every object states its generation and creation time, which a fresh controller could not
  // know otherwise; a change to an object is one more generation.
  std::string metadata(const std::string& name, const std::string& ns) {
    int& generation = generations_[name + "/" + ns];
    ++generation;
    return "metadata:\n  name: " + name + "\n  namespace: " + ns +
           "\n  generation: " + std::to_string(generation) +
           "\n  creationTimestamp: \"2026-01-01T00:00:0" + std::to_string(pick(10)) + "Z\"\n";
  }

  std::string some_namespace() { return "ns-" + std::to_string(pick(3)); }

  void set_namespace(int i) {
    objects_["namespace-" + std::to_string(i)] =
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-" + std::to_string(i) +
        "\n  labels: {env: " + (chance(50) ? "prod" : "dev") + "}\n";
  }

  std::string listener(int i) {
    static const char* const kHostnames[] = {"", "\"*.example.com\"", "a.example.com",
                                             "b.example.org"};
    static const char* const kFrom[] = {"All", "Same", "Selector"};
    std::string from = kFrom[pick(3)];
    bool https = chance(25);
    // Ports differ between a Gateway's listeners, which validation requires of equal hostnames.
    int port = (https ? 443 : chance(70) ? 80 : 8080) + 1000 * i;
    std::string text = "  - name: l" + std::to_string(i) + "\n    port: " + std::to_string(port) +
                       "\n    protocol: " + (https ? "HTTPS" : "HTTP") + "\n";
    std::string hostname = kHostnames[pick(4)];
    if (!hostname.empty()) text += "    hostname: " + hostname + "\n";
    if (https)
      text += "    tls:\n      certificateRefs:\n      - {name: secret-" + std::to_string(pick(3)) +
              "}\n";
    text += "    allowedRoutes:\n      namespaces:\n        from: " + from + "\n";
    if (from == "Selector") text += "        selector: {matchLabels: {env: prod}}\n";
    return text;
  }

  void set_gateway(int i) {
    std::string name = "gateway-" + std::to_string(i);
    std::string text = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n" +
                       metadata("g" + std::to_string(i), "ns-" + std::to_string(i % 2)) +
                       "spec:\n  gatewayClassName: lintel\n  listeners:\n";
    int listeners = 1 + pick(3);
    for (int l = 0; l < listeners; ++l) text += listener(l);
    objects_[name] = text;
  }

  void set_service(int i) {
    std::string ns = "ns-" + std::to_string(i % 2);
    std::string name = "s" + std::to_string(i);
    bool second_port = chance(50);
    objects_["service-" + std::to_string(i)] =
        "apiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: " + ns +
        "}\nspec:\n  ports:\n  - {name: http, port: 80}\n" +
        (second_port ? "  - {name: alt, port: 8080}\n" : "") +
        "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: " + name +
        "\n  namespace: " + ns + "\n  labels: {kubernetes.io/service-name: " + name +
        "}\naddressType: IPv4\nports: [{name: http, port: " + std::to_string(8000 + pick(3)) +
        "}, {name: alt, port: 9000}]\nendpoints: [{addresses: [127.0.0." +
        std::to_string(1 + pick(3)) + "]}]\n";
  }

  // A Secret that was usable stays so until deleted: a listener keeps serving the last usable
  // version of its Secret, which only a controller that saw it can know.
  void set_secret(int i) {
    std::string name = "secret-" + std::to_string(i);
    auto kept = objects_.find(name);
    bool usable =
        (kept != objects_.end() && kept->second.find(key_pair_.first) != std::string::npos) ||
        chance(70);
    std::string ns =
        kept != objects_.end() ? secret_namespaces_[i] : "ns-" + std::to_string(pick(2));
    secret_namespaces_[i] = ns;
    objects_["secret-" + std::to_string(i)] =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: secret-" + std::to_string(i) +
        ", namespace: " + ns + "}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: " +
        (usable ? key_pair_.first : "bm90IGEgY2VydGlmaWNhdGU=") +
        "\n  tls.key: " + (usable ? key_pair_.second : "bm90IGEga2V5") + "\n";
  }

  void set_reference_grant(int i) {
    std::string to = chance(50) ? "" : "\n    name: s" + std::to_string(2 * pick(2) + 1);
    objects_["referencegrant-" + std::to_string(i)] =
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: "
        "grant-" +
        std::to_string(i) +
        ", namespace: ns-1}\nspec:\n  from:\n  - group: "
        "gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: " +
        some_namespace() + "\n  to:\n  - group: \"\"\n    kind: Service" + to + "\n";
  }

  std::string parent_ref(int gateway) {
    std::string text = "  - name: g" + std::to_string(gateway) + "\n    namespace: ns-" +
                       std::to_string(gateway % 2) + "\n";
    if (chance(25)) text += "    sectionName: l" + std::to_string(pick(3)) + "\n";
    if (chance(10)) text += "    port: 80\n";
    return text;
  }

  std::string rule() {
    static const char* const kPaths[] = {"/", "/a", "/a/b", "/b"};
    std::string text =
        "  - matches:\n    - path: {type: " + std::string(chance(70) ? "PathPrefix" : "Exact") +
        ", value: " + kPaths[pick(4)] + "}\n";
    if (chance(30)) text += "      headers: [{name: x-test, value: \"1\"}]\n";
    text += "    backendRefs:\n";
    int backends = 1 + pick(2);
    for (int b = 0; b < backends; ++b) {
      int service = pick(6);  // s4 and s5 never exist
      text += "    - {name: s" + std::to_string(service) + ", namespace: ns-" +
              std::to_string(service % 2) + ", port: " + (chance(80) ? "80" : "8080") +
              ", weight: " + std::to_string(1 + pick(3)) + "}\n";
    }
    return text;
  }

  void set_route(int i) {
    static const char* const kHostnames[] = {"a.example.com", "x.example.com", "b.example.org",
                                             "\"*.example.com\""};
    std::string text = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n" +
                       metadata("r" + std::to_string(i), some_namespace()) +
                       "spec:\n  parentRefs:\n";
    // Two parentRefs name two Gateways: one Gateway twice needs distinct sections.
    int gateway = pick(4);
    text += parent_ref(gateway);
    if (chance(30)) text += parent_ref((gateway + 1 + pick(3)) % 4);
    int hostnames = pick(3);
    if (hostnames) {
      text += "  hostnames:\n";
      for (int h = 0; h < hostnames; ++h) text += "  - " + std::string(kHostnames[pick(4)]) + "\n";
    }
    text += "  rules:\n" + rule();
    if (chance(30)) text += rule();
    objects_["route-" + std::to_string(i)] = text;
  }

  std::mt19937 random_;
  std::pair<std::string, std::string> key_pair_;
  std::map<std::string, std::string> objects_;  // by file name, without .yaml
  std::map<std::string, int> generations_;
  std::map<int, std::string> secret_namespaces_;
};

StandaloneController::Publish accept_all() {
  return [](std::shared_ptr<const snapshot::v1::Snapshot>, std::string&) { return true; };
}

std::string snapshot_bytes(const StandaloneController& controller) {
  auto snapshot = controller.current();
  if (!snapshot) return "";
  snapshot::v1::Snapshot unversioned(*snapshot);
  unversioned.set_version(0);
  return graph::deterministic_bytes(unversioned);
}

// Every object's status as the graph computed it, as text to compare.
std::string statuses(const ReconcileOutcome& outcome) {
  std::string out;
  for (const ObjectStatus& status : computed_statuses(*outcome.graph))
    out += status.key.to_string() + " generation " + std::to_string(status.generation()) + "\n" +
           status.status_message().DebugString();
  return out;
}

// Every status a writer keeps, with its transition times.
std::string written(const StatusWriter& writer) {
  std::string out;
  for (const auto& [key, status] : writer.objects())
    out += key.to_string() + " generation " + std::to_string(status.generation()) + "\n" +
           status.status_message().DebugString();
  return out;
}

unsigned seed() {
  const char* given = std::getenv("LINTEL_INCREMENTAL_SEED");
  return given ? static_cast<unsigned>(std::strtoul(given, nullptr, 10)) : 20261125u;
}

TEST(IncrementalReconcile, EqualsAReconcileFromScratchAfterEveryRandomChange) {
  const unsigned run_seed = seed();
  World world(run_seed);
  TempFolder folder;
  world.write(folder);
  StandaloneOptions options;
  options.manifest_paths = {folder.path()};
  StandaloneController incremental(options, accept_all());
  StatusWriter incremental_writer("lintel.io/gateway-controller");
  StatusWriter fresh_writer("lintel.io/gateway-controller");

  constexpr int kSteps = 150;
  std::string history;
  for (int step = 0; step <= kSteps; ++step) {
    if (step > 0) {
      int changes = 1 + static_cast<int>(step % 3);
      for (int c = 0; c < changes; ++c)
        history += "  step " + std::to_string(step) + ": " + world.change() + "\n";
      world.write(folder);
    }
    ReconcileOutcome kept = incremental.reconcile();
    StandaloneController fresh(options, accept_all());
    ReconcileOutcome scratch = fresh.reconcile();
    ASSERT_TRUE(kept.errors.empty()) << kept.errors[0].to_string();
    const std::string context =
        "seed " + std::to_string(run_seed) + " (LINTEL_INCREMENTAL_SEED), after:\n" + history;
    ASSERT_EQ(snapshot_bytes(incremental), snapshot_bytes(fresh)) << context;
    ASSERT_EQ(statuses(kept), statuses(scratch)) << context;
    ASSERT_EQ(kept.unsupported, scratch.unsupported) << context;
    // The writers keep status across reconciles; the same time, so transitions line up.
    const std::string now = "2026-11-25T00:00:" + std::to_string(10 + step % 50) + "Z";
    StatusChanges kept_changes = incremental_writer.update(*kept.graph, now);
    // From the statuses, so that this writer computes every one and merges it.
    StatusChanges fresh_changes = fresh_writer.update(computed_statuses(*scratch.graph), now);
    ASSERT_EQ(kept_changes.changed, fresh_changes.changed) << context;
    ASSERT_EQ(kept_changes.removed, fresh_changes.removed) << context;
    ASSERT_EQ(written(incremental_writer), written(fresh_writer)) << context;
  }
  // The run must have served routes and refused some, or it proved little.
  EXPECT_NE(snapshot_bytes(incremental), "");
}

}  // namespace
}  // namespace lintel::controller
