#include "lintel/controller/reconciler.h"

#include <chrono>

#include "lintel/controller/not_served.h"

namespace lintel::controller {

namespace {

namespace gv1 = gateway::v1;

template <typename T>
void append(std::vector<const T*>& to, const std::vector<T>& objects) {
  for (const auto& object : objects) to.push_back(&object);
}

void append(std::vector<std::string>& to, std::vector<std::string> more) {
  for (auto& line : more) to.push_back(std::move(line));
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// The Gateway API objects of the manifests, as they were decoded, and what they ask for that
// is not served yet.
void add_native(const std::vector<const api::SchemaObject*>& objects, TranslatorInput& input,
                std::vector<std::string>& unsupported) {
  for (const api::SchemaObject* object : objects) {
    if (const auto* gateway_class = object->as<gv1::GatewayClass>())
      input.gateway_classes.push_back(gateway_class);
    if (const auto* gateway = object->as<gv1::Gateway>()) {
      input.gateways.push_back(gateway);
      append(unsupported, not_served(*gateway));
    }
    if (const auto* route = object->as<gv1::HTTPRoute>()) {
      input.http_routes.push_back(route);
      append(unsupported, not_served(*route));
    }
  }
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
    : options_(std::move(options)), publish_(std::move(publish)), source_(options_.manifest_paths) {
  watcher_ = std::make_unique<ManifestWatcher>(options_.manifest_paths);
}

ReconcileOutcome StandaloneController::reconcile() {
  ReconcileOutcome outcome;
  auto start = std::chrono::steady_clock::now();
  ManifestLoad load = source_.load();
  outcome.errors = std::move(load.errors);
  outcome.warnings = std::move(load.warnings);
  store_.replace_all(std::move(load.objects));
  outcome.load_ms = milliseconds_since(start);
  start = std::chrono::steady_clock::now();

  std::vector<const api::Service*> services = store_.list<api::Service>();
  conversion::ConversionResult converted = conversion::convert_ingresses(
      store_.list<api::Ingress>(), store_.list<api::IngressClass>(), services, options_.conversion);
  outcome.notes = converted.notes;

  TranslatorInput input;
  add_native(store_.list<api::SchemaObject>(), input, outcome.unsupported);
  append(input.gateway_classes, converted.gateway_classes);
  append(input.gateways, converted.gateways);
  append(input.http_routes, converted.http_routes);
  input.services = std::move(services);
  input.endpoint_slices = store_.list<api::EndpointSlice>();
  auto snapshot = std::make_shared<snapshot::v1::Snapshot>(translate(input, options_.translator));
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
