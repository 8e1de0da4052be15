#include "lintel/controller/reconciler.h"

#include <chrono>
#include <set>
#include <stdexcept>

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

// The Gateways of Lintel's GatewayClasses, native then converted, each in key order.
std::vector<const gateway::v1::Gateway*> lintel_gateways(
    const ObjectStore& store, const conversion::ConversionResult& converted,
    const std::string& controller_name) {
  std::set<std::string> classes;
  auto note_class = [&](const gateway::v1::GatewayClass& gateway_class) {
    if (gateway_class.spec().controller_name() == controller_name)
      classes.insert(gateway_class.metadata().name());
  };
  std::vector<const gateway::v1::Gateway*> all;
  for (const api::SchemaObject* object : store.list<api::SchemaObject>()) {
    if (const auto* gateway_class = object->as<gateway::v1::GatewayClass>())
      note_class(*gateway_class);
    if (const auto* gateway = object->as<gateway::v1::Gateway>()) all.push_back(gateway);
  }
  for (const auto& gateway_class : converted.gateway_classes) note_class(gateway_class);
  for (const auto& gateway : converted.gateways) all.push_back(&gateway);
  std::vector<const gateway::v1::Gateway*> ours;
  for (const auto* gateway : all)
    if (classes.count(gateway->spec().gateway_class_name())) ours.push_back(gateway);
  return ours;
}

}  // namespace

StandaloneController::StandaloneController(StandaloneOptions options, Publish publish)
    : options_(std::move(options)),
      publish_(std::move(publish)),
      source_(options_.manifest_paths, options_.channel) {
  next_version_ = options_.first_version;
  if (!options_.gateway_addresses.empty()) {
    std::string error;
    address_pool_ = GatewayAddressPool::parse(options_.gateway_addresses, error);
    if (!address_pool_) throw std::invalid_argument("--gateway-addresses: " + error);
  }
  watcher_ = std::make_unique<ManifestWatcher>(options_.manifest_paths);
}

ReconcileOutcome StandaloneController::reconcile() {
  ReconcileOutcome outcome;
  auto start = std::chrono::steady_clock::now();
  ManifestLoad load = options_.source ? options_.source->load() : source_.load();
  outcome.errors = std::move(load.errors);
  outcome.warnings = std::move(load.warnings);
  store_.replace_all(generations_.assign(std::move(load.objects)));
  outcome.load_ms = milliseconds_since(start);
  start = std::chrono::steady_clock::now();

  std::vector<const api::Service*> services = store_.list<api::Service>();
  conversion::ConversionResult converted =
      conversion::convert_ingresses(store_.list<api::Ingress>(), store_.list<api::IngressClass>(),
                                    services, options_.conversion, store_.list<api::ConfigMap>());
  outcome.notes = converted.notes;
  // Only native objects: what the conversion could not carry over is in its notes.
  for (const api::SchemaObject* object : store_.list<api::SchemaObject>())
    append(outcome.unsupported, not_served(*object));

  std::vector<ObjectPtr> objects = store_.all();
  graph::GraphOptions options = graph_options(options_.translator);
  options.certificate_time = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  if (address_pool_)
    options.gateway_addresses = address_pool_->assign(
        lintel_gateways(store_, converted, options_.translator.controller_name));
  auto reconciled = std::make_shared<const ReconciledGraph>(objects, std::move(converted), options,
                                                            last_usable_secrets_.update(objects));
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
  if (!options_.source && !watcher_->ok()) return false;
  while (!stopping_.load()) {
    const bool changed =
        options_.source ? options_.source->wait(std::chrono::milliseconds(1000), options_.settle)
                        : watcher_->wait(std::chrono::milliseconds(1000), options_.settle);
    if (!changed) continue;
    if (stopping_.load()) break;
    report(reconcile());
  }
  return true;
}

void StandaloneController::stop() {
  stopping_.store(true);
  if (options_.source) options_.source->wake();
  watcher_->wake();
}

}  // namespace lintel::controller
