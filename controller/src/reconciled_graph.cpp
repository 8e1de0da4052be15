#include "lintel/controller/reconciler.h"
#include "served_listeners.h"

namespace lintel::controller {

namespace {

namespace gv1 = gateway::v1;

template <typename T>
void append(std::vector<const T*>& to, const std::vector<T>& objects) {
  for (const auto& object : objects) to.push_back(&object);
}

template <typename T>
void add_if(const api::SchemaObject& object, std::vector<const T*>& into) {
  if (const T* typed = object.as<T>()) into.push_back(typed);
}

graph::GraphInput graph_input(const std::vector<ObjectPtr>& objects,
                              const conversion::ConversionResult& converted,
                              const std::vector<ObjectPtr>& last_usable_secrets) {
  graph::GraphInput input;
  for (const ObjectPtr& object : objects) {
    if (const auto* schema_object = std::get_if<api::SchemaObject>(object.get())) {
      add_if(*schema_object, input.services);
      add_if(*schema_object, input.namespaces);
      add_if(*schema_object, input.gateway_classes);
      add_if(*schema_object, input.gateways);
      add_if(*schema_object, input.listener_sets);
      add_if(*schema_object, input.http_routes);
      add_if(*schema_object, input.reference_grants);
      add_if(*schema_object, input.secrets);
    }
  }
  for (const ObjectPtr& object : last_usable_secrets) {
    if (const auto* schema_object = std::get_if<api::SchemaObject>(object.get()))
      add_if(*schema_object, input.last_usable_secrets);
  }
  append(input.gateway_classes, converted.gateway_classes);
  append(input.gateways, converted.gateways);
  append(input.http_routes, converted.http_routes);
  append(input.reference_grants, converted.reference_grants);
  return input;
}

}  // namespace

ReconciledGraph::ReconciledGraph(std::vector<ObjectPtr> objects,
                                 conversion::ConversionResult converted,
                                 const graph::GraphOptions& options,
                                 std::vector<ObjectPtr> last_usable_secrets,
                                 graph::GraphCache* cache)
    : objects_(std::move(objects)),
      converted_(std::move(converted)),
      last_usable_secrets_(std::move(last_usable_secrets)),
      graph_(graph::build_graph(graph_input(objects_, converted_, last_usable_secrets_), options,
                                cache)) {
  withhold_unserved_listeners(graph_);
}

}  // namespace lintel::controller
