#include "lintel/controller/reconciler.h"

#include <chrono>

#include "lintel/controller/not_served.h"

namespace lintel::controller {

namespace {

void append(std::vector<std::string>& to, std::vector<std::string> more) {
  for (auto& line : more) to.push_back(std::move(line));
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

size_t count_routes(const snapshot::v1::Snapshot& snapshot) {
  size_t routes = 0;
  for (const auto& listener : snapshot.listeners()) {
    for (const auto& vhost : listener.virtual_hosts())
      routes += static_cast<size_t>(vhost.routes_size());
  }
  return routes;
}

}  // namespace

StandaloneController::StandaloneController(StandaloneOptions options, Publish publish)
    : options_(std::move(options)),
      publish_(std::move(publish)),
      source_(options_.manifest_paths, options_.channel) {
  watcher_ = std::make_unique<ManifestWatcher>(options_.manifest_paths);
}

ReconcileOutcome StandaloneController::reconcile() {
  ReconcileOutcome outcome;
  auto start = std::chrono::steady_clock::now();
  ManifestLoad load = source_.load();
  outcome.errors = std::move(load.errors);
  outcome.warnings = std::move(load.warnings);
  store_.replace_all(generations_.assign(std::move(load.objects)));
  outcome.load_ms = milliseconds_since(start);
  start = std::chrono::steady_clock::now();

  std::vector<const api::Service*> services = store_.list<api::Service>();
  conversion::ConversionResult converted = conversion::convert_ingresses(
      store_.list<api::Ingress>(), store_.list<api::IngressClass>(), services, options_.conversion);
  outcome.notes = converted.notes;
  // Only native objects: what the conversion could not carry over is in its notes.
  for (const api::SchemaObject* object : store_.list<api::SchemaObject>())
    append(outcome.unsupported, not_served(*object));

  auto reconciled = std::make_shared<const ReconciledGraph>(store_.all(), std::move(converted),
                                                            graph_options(options_.translator));
  outcome.graph = reconciled;
  ServiceResolver resolver(std::move(services), store_.list<api::EndpointSlice>());
  auto snapshot = std::make_shared<snapshot::v1::Snapshot>(
      translate(reconciled->graph(), resolver, options_.translator));
  outcome.routes = count_routes(*snapshot);

  std::string bytes;
  snapshot->SerializeToString(&bytes);
  outcome.translate_ms = milliseconds_since(start);
  auto serving = current();
  outcome.version = serving ? serving->version() : 0;
  if (serving && bytes == current_bytes_) return outcome;

  outcome.changed = true;
  snapshot->set_version(next_version_);
  std::string error;
  start = std::chrono::steady_clock::now();
  bool published = publish_(snapshot, error);
  outcome.publish_ms = milliseconds_since(start);
  if (!published) {
    outcome.publish_error = error;
    return outcome;
  }
  ++next_version_;
  current_bytes_ = std::move(bytes);
  std::atomic_store(&current_, std::shared_ptr<const snapshot::v1::Snapshot>(snapshot));
  outcome.published = true;
  outcome.version = snapshot->version();
  return outcome;
}

bool StandaloneController::watch(const Report& report) {
  if (!watcher_->ok()) return false;
  while (!stopping_.load()) {
    if (!watcher_->wait(std::chrono::milliseconds(1000), options_.settle)) continue;
    if (stopping_.load()) break;
    report(reconcile());
  }
  return true;
}

void StandaloneController::stop() {
  stopping_.store(true);
  watcher_->wake();
}

}  // namespace lintel::controller
