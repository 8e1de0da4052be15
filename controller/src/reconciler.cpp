#include "lintel/controller/reconciler.h"

#include <chrono>
#include <set>
#include <stdexcept>

#include "graph/graph_cache.h"
#include "lintel/controller/not_served.h"
#include "translator_cache.h"

namespace lintel::controller {

namespace {

// The kinds the reconcile reads besides the graph's, in one pass over the store's objects.
struct StoreLists {
  std::vector<const api::Service*> services;
  std::vector<const api::EndpointSlice*> endpoint_slices;
  std::vector<const api::Ingress*> ingresses;
  std::vector<const api::IngressClass*> ingress_classes;
  std::vector<const api::ConfigMap*> config_maps;
};

StoreLists store_lists(const std::vector<ObjectPtr>& objects) {
  StoreLists out;
  for (const ObjectPtr& object : objects) {
    const auto* schema_object = std::get_if<api::SchemaObject>(object.get());
    if (!schema_object) continue;
    if (const auto* service = schema_object->as<api::Service>())
      out.services.push_back(service);
    else if (const auto* slice = schema_object->as<api::EndpointSlice>())
      out.endpoint_slices.push_back(slice);
    else if (const auto* ingress = schema_object->as<api::Ingress>())
      out.ingresses.push_back(ingress);
    else if (const auto* ingress_class = schema_object->as<api::IngressClass>())
      out.ingress_classes.push_back(ingress_class);
    else if (const auto* config_map = schema_object->as<api::ConfigMap>())
      out.config_maps.push_back(config_map);
  }
  return out;
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
      source_(options_.manifest_paths, options_.channel),
      graph_cache_(std::make_unique<graph::GraphCache>()),
      translator_cache_(std::make_unique<TranslatorCache>()) {
  next_version_ = options_.first_version;
  if (!options_.gateway_addresses.empty()) {
    std::string error;
    address_pool_ = GatewayAddressPool::parse(options_.gateway_addresses, error);
    if (!address_pool_) throw std::invalid_argument("--gateway-addresses: " + error);
  }
  watcher_ = std::make_unique<ManifestWatcher>(options_.manifest_paths);
}

StandaloneController::~StandaloneController() = default;

ReconcileOutcome StandaloneController::reconcile() {
  ReconcileOutcome outcome;
  auto start = std::chrono::steady_clock::now();
  ManifestLoad load = options_.source ? options_.source->load() : source_.load();
  outcome.errors = std::move(load.errors);
  outcome.warnings = std::move(load.warnings);
  store_.replace_all(generations_.assign(std::move(load.objects)));
  outcome.load_ms = milliseconds_since(start);
  start = std::chrono::steady_clock::now();

  std::vector<ObjectPtr> objects = store_.all();
  StoreLists lists = store_lists(objects);
  conversion::ConversionResult converted =
      conversion::convert_ingresses(lists.ingresses, lists.ingress_classes, lists.services,
                                    options_.conversion, lists.config_maps);
  // Notes of what converted exactly are for `lintel migrate`'s report, not the logs or /status.
  for (auto& note : converted.notes)
    if (note.outcome != conversion::Outcome::converted) outcome.notes.push_back(std::move(note));
  // Only native objects: what the conversion could not carry over is in its notes.
  for (const ObjectPtr& object : objects) {
    const auto& lines = not_served_.get(object, [](const api::Object& changed) {
      const auto* schema_object = std::get_if<api::SchemaObject>(&changed);
      return schema_object ? not_served(*schema_object) : std::vector<std::string>{};
    });
    outcome.unsupported.insert(outcome.unsupported.end(), lines.begin(), lines.end());
  }
  not_served_.sweep();

  graph::GraphOptions options = graph_options(options_.translator);
  options.certificate_time = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  if (address_pool_)
    options.gateway_addresses = address_pool_->assign(
        lintel_gateways(store_, converted, options_.translator.controller_name));
  auto reconciled = std::make_shared<const ReconciledGraph>(objects, std::move(converted), options,
                                                            last_usable_secrets_.update(objects),
                                                            graph_cache_.get());
  last_graph_ = reconciled;
  outcome.graph = reconciled;
  ServiceResolver resolver(std::move(lists.services), std::move(lists.endpoint_slices));
  std::shared_ptr<snapshot::v1::Snapshot> snapshot =
      translate(reconciled->graph(), resolver, options_.translator, *translator_cache_);
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
