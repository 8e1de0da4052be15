#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "lintel/controller/gateway_address_pool.h"
#include "lintel/controller/generations.h"
#include "lintel/controller/last_usable_secrets.h"
#include "lintel/controller/manifest_source.h"
#include "lintel/controller/object_memo.h"
#include "lintel/controller/object_source.h"
#include "lintel/controller/object_store.h"
#include "lintel/controller/translator.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::controller {

struct StandaloneOptions {
  std::vector<std::string> manifest_paths;
  // The Gateway API CRD bundle the manifests are checked against (`--channel`).
  api::Channel channel = api::Channel::kExperimental;
  conversion::ConversionOptions conversion;
  TranslatorOptions translator;
  // Files are read only once closed, so the settle time only folds a burst (a `kubectl`-style
  // write of several files); it adds to every change's latency, so it stays short.
  std::chrono::milliseconds settle{2};
  // An IPv4 block ("127.1.0.0/24") to give every Gateway an address of its own from; empty: all
  // Gateways share the translator's bind address. Set translator.address_per_gateway with it.
  std::string gateway_addresses;
  // Objects from elsewhere than manifest_paths (the Kubernetes API); when set, the folder is not
  // read.
  std::shared_ptr<ObjectSource> source;
  // The first snapshot's version. Proxies refuse a version older than the one they serve, so a
  // controller that serves remote proxies starts where a restart cannot go back past (the
  // clock); one process (`lintel run`) may start at 1.
  std::uint64_t first_version = 1;
};

// One reconcile's Gateway API graph (graph/graph.h), with everything it points into: the objects
// read from the store and the Gateway API objects converted from Ingresses. Immutable once built,
// so that whoever reports status may keep it as long as it likes. Its status claims no more than
// the data plane serves (served_listeners.h).
class ReconciledGraph {
 public:
  // `last_usable_secrets`: GraphInput::last_usable_secrets, as store objects. With a `cache`
  // (graph::build_graph), the ReconciledGraph it last built must still be alive.
  ReconciledGraph(std::vector<ObjectPtr> objects, conversion::ConversionResult converted,
                  const graph::GraphOptions& options,
                  std::vector<ObjectPtr> last_usable_secrets = {},
                  graph::GraphCache* cache = nullptr);
  ReconciledGraph(const ReconciledGraph&) = delete;
  ReconciledGraph& operator=(const ReconciledGraph&) = delete;

  const graph::Graph& graph() const { return graph_; }
  // The store's objects, every kind, in key order.
  const std::vector<ObjectPtr>& objects() const { return objects_; }
  // What the Ingresses were converted into; these objects have no status of their own.
  const conversion::ConversionResult& converted() const { return converted_; }

 private:
  std::vector<ObjectPtr> objects_;
  conversion::ConversionResult converted_;
  std::vector<ObjectPtr> last_usable_secrets_;
  graph::Graph graph_;
};

// What one reconcile did.
struct ReconcileOutcome {
  std::vector<api::DecodeError> errors;
  std::vector<api::DecodeError> warnings;
  std::vector<conversion::ConversionNote> notes;
  // What native Gateway API objects ask for that Lintel does not serve yet
  // ("HTTPRoute zoo/alpaca spec.rules[0].filters[1]: CORS").
  std::vector<std::string> unsupported;
  // The graph this reconcile built: attachment, references and every status condition.
  std::shared_ptr<const ReconciledGraph> graph;
  bool changed = false;       // a new snapshot was produced
  bool published = false;     // ... and the data plane took it
  std::string publish_error;  // why the data plane refused it
  std::uint64_t version = 0;  // the snapshot version now serving
  size_t routes = 0;          // routes in the newest snapshot
  // Where the time went, in milliseconds: reading and decoding manifests, converting and
  // translating, and the data plane's compile and swap.
  double load_ms = 0;
  double translate_ms = 0;
  double publish_ms = 0;
};

// Standalone mode's control loop: manifest folder -> store -> Ingress conversion -> graph ->
// Translator -> snapshot, published to the data plane through a callback (main wires it; the
// controller never sees the data plane). Level-triggered: every reconcile reads the whole
// folder; a snapshot identical to the one serving is not published again.
class StandaloneController {
 public:
  using Publish =
      std::function<bool(std::shared_ptr<const snapshot::v1::Snapshot>, std::string& error)>;
  using Report = std::function<void(const ReconcileOutcome&)>;

  // Throws std::invalid_argument when options.gateway_addresses is not a usable block.
  StandaloneController(StandaloneOptions options, Publish publish);
  ~StandaloneController();

  ReconcileOutcome reconcile();
  // Watches the manifest paths and reconciles on every change until stop(); `report` is called
  // after each reconcile. Returns false at once when the folder cannot be watched.
  bool watch(const Report& report);
  void stop();

  std::shared_ptr<const snapshot::v1::Snapshot> current() const {
    return std::atomic_load(&current_);
  }

 private:
  StandaloneOptions options_;
  Publish publish_;
  ManifestSource source_;
  Generations generations_;
  std::optional<GatewayAddressPool> address_pool_;
  ObjectStore store_;
  std::unique_ptr<ManifestWatcher> watcher_;
  std::atomic<bool> stopping_{false};
  std::shared_ptr<const snapshot::v1::Snapshot> current_;
  std::string current_bytes_;
  std::uint64_t next_version_ = 1;
  LastUsableSecrets last_usable_secrets_;
  // What the last reconcile computed of each route, reused for routes whose inputs are unchanged;
  // the last graph is kept alive for them (graph::GraphCache compares objects by address).
  std::unique_ptr<graph::GraphCache> graph_cache_;
  std::unique_ptr<TranslatorCache> translator_cache_;
  std::shared_ptr<const ReconciledGraph> last_graph_;
  ObjectMemo<std::vector<std::string>> not_served_;
};

}  // namespace lintel::controller
