#include "lintel/controller/reconciler.h"

#include <chrono>

#include "lintel/api/model_from_schema.h"

namespace lintel::controller {

namespace {

template <typename T>
std::vector<const T*> with(std::vector<const T*> stored, const std::vector<T>& extra) {
  for (const auto& object : extra) stored.push_back(&object);
  return stored;
}

double milliseconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

struct NativeModels {
  std::vector<api::GatewayClass> classes;
  std::vector<api::Gateway> gateways;
  std::vector<api::HTTPRoute> routes;
  std::vector<std::string> unsupported;
};

// Gateway API objects from the manifests, in the model the Ingress conversion also produces.
NativeModels native_models(const std::vector<const api::SchemaObject*>& objects) {
  NativeModels out;
  for (const api::SchemaObject* object : objects) {
    std::vector<std::string> unsupported;
    if (auto model = api::gateway_class_model(*object)) out.classes.push_back(std::move(*model));
    if (auto model = api::gateway_model(*object, unsupported))
      out.gateways.push_back(std::move(*model));
    if (auto model = api::http_route_model(*object, unsupported))
      out.routes.push_back(std::move(*model));
    std::string name = api::ObjectKey{object->group, object->kind, object->metadata.namespace_,
                                      object->metadata.name}
                           .to_string();
    for (auto& what : unsupported) out.unsupported.push_back(name + " " + what);
  }
  return out;
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

  conversion::ConversionResult converted = conversion::convert_ingresses(
      store_.list<api::Ingress>(), store_.list<api::IngressClass>(), options_.conversion);
  outcome.notes = converted.notes;

  NativeModels native = native_models(store_.list<api::SchemaObject>());
  outcome.unsupported = std::move(native.unsupported);

  TranslatorInput input;
  input.gateway_classes = with(with(std::vector<const api::GatewayClass*>{}, native.classes),
                               converted.gateway_classes);
  input.gateways =
      with(with(std::vector<const api::Gateway*>{}, native.gateways), converted.gateways);
  input.http_routes =
      with(with(std::vector<const api::HTTPRoute*>{}, native.routes), converted.http_routes);
  input.services = store_.list<api::Service>();
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
