#include "lintel/controller/translator.h"

namespace lintel::controller {

graph::GraphOptions graph_options(const TranslatorOptions& options) {
  graph::GraphOptions out;
  out.controller_name = options.controller_name;
  // A wildcard bind is reachable on loopback whatever other addresses the host has.
  const std::string& bind = options.bind_address;
  if (bind.empty() || bind == "0.0.0.0")
    out.addresses = {"127.0.0.1"};
  else if (bind == "::")
    out.addresses = {"::1"};
  else
    out.addresses = {bind};
  return out;
}

snapshot::v1::Snapshot translate(const TranslatorInput& input, const TranslatorOptions& options) {
  graph::GraphInput objects;
  objects.gateway_classes = input.gateway_classes;
  objects.gateways = input.gateways;
  objects.listener_sets = input.listener_sets;
  objects.http_routes = input.http_routes;
  objects.reference_grants = input.reference_grants;
  objects.secrets = input.secrets;
  objects.services = input.services;
  objects.namespaces = input.namespaces;
  graph::Graph graph = graph::build_graph(objects, graph_options(options));
  return translate(graph, ServiceResolver(input.services, input.endpoint_slices), options);
}

}  // namespace lintel::controller
