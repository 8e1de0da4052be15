#include "graph_case.h"

#include <fstream>
#include <sstream>

#include "lintel/api/encode.h"

namespace lintel::controller::graph {

namespace {

template <typename T>
void add_if(const api::SchemaObject& object, std::vector<const T*>& into) {
  if (const T* typed = object.as<T>()) into.push_back(typed);
}

template <typename T, typename Status>
std::string render_status(const T& object, const Status& status) {
  T copy;
  copy.set_api_version(object.api_version());
  copy.set_kind(object.kind());
  copy.mutable_metadata()->set_name(object.metadata().name());
  if (!object.metadata().namespace_().empty())
    copy.mutable_metadata()->set_namespace_(object.metadata().namespace_());
  *copy.mutable_status() = status;
  return "---\n" + api::encode_yaml(copy);
}

std::string name_of(const meta::v1::ObjectMeta& meta) {
  return meta.namespace_() + "/" + meta.name();
}

std::string ref_text(const ResolvedRef& ref) {
  std::string target = ref.namespace_.empty() ? ref.name : ref.namespace_ + "/" + ref.name;
  return target + ": " + (ref.resolved() ? "resolved" : ref.reason);
}

void render_filters(const std::vector<std::optional<ResolvedRef>>& filters,
                    const std::string& indent, std::string& out) {
  for (std::size_t i = 0; i < filters.size(); ++i)
    if (filters[i])
      out += indent + "filter " + std::to_string(i) + " " + ref_text(*filters[i]) + "\n";
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : " ") + value;
  return out;
}

}  // namespace

GraphCase case_from_text(const std::string& yaml) {
  GraphCase out;
  out.decoded = api::decode_manifests(yaml, "case.yaml");
  for (const auto& decoded : out.decoded.objects) {
    if (const auto* service = api::object_as<api::Service>(decoded.object))
      out.input.services.push_back(service);
    if (const auto* ns = api::object_as<api::Namespace>(decoded.object))
      out.input.namespaces.push_back(ns);
    if (const auto* object = std::get_if<api::SchemaObject>(&decoded.object)) {
      add_if(*object, out.input.gateway_classes);
      add_if(*object, out.input.gateways);
      add_if(*object, out.input.listener_sets);
      add_if(*object, out.input.http_routes);
      add_if(*object, out.input.reference_grants);
      add_if(*object, out.input.secrets);
    }
  }
  return out;
}

GraphCase load_case(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return case_from_text(text.str());
}

GraphOptions case_options() {
  GraphOptions options;
  options.addresses = {"192.0.2.10"};
  return options;
}

std::string render_graph(const Graph& graph) {
  std::string out;
  for (const auto& node : graph.gateway_classes)
    out += render_status(*node.gateway_class, node.status);
  for (const auto& node : graph.gateways) out += render_status(*node.gateway, node.status);
  for (const auto& node : graph.listener_sets)
    out += render_status(*node.listener_set, node.status);
  for (const auto& node : graph.http_routes) out += render_status(*node.route, node.status);

  out += "--- # attachments\n";
  auto render_listeners = [&](const std::vector<ListenerNode>& listeners,
                              const std::string& indent) {
    for (const auto& listener : listeners) {
      out += indent + "listener " + listener.spec->name() + (listener.accepted ? " accepted" : "") +
             (listener.programmed ? " programmed" : "") + "\n";
      for (const auto* secret : listener.certificates)
        out += indent + "  certificate " + name_of(secret->metadata()) + "\n";
      for (const auto& attached : listener.routes) {
        const auto* route = graph.http_routes[attached.route].route;
        out += indent + "  HTTPRoute " + name_of(route->metadata()) + " hostnames " +
               joined(attached.hostnames) + "\n";
      }
    }
  };
  for (const auto& gateway : graph.gateways) {
    out += "Gateway " + name_of(gateway.gateway->metadata()) +
           (gateway.accepted ? " accepted" : "") + (gateway.programmed ? " programmed" : "") + "\n";
    render_listeners(gateway.listeners, "  ");
    for (std::size_t index : gateway.listener_sets) {
      const ListenerSetNode& set = graph.listener_sets[index];
      out += "  ListenerSet " + name_of(set.listener_set->metadata()) +
             (set.accepted ? " accepted" : "") + (set.programmed ? " programmed" : "") + "\n";
      render_listeners(set.listeners, "    ");
    }
  }
  out += "--- # references\n";
  for (const auto& node : graph.http_routes) {
    out += "HTTPRoute " + name_of(node.route->metadata()) + "\n";
    for (std::size_t r = 0; r < node.rules.size(); ++r) {
      const ResolvedRule& rule = node.rules[r];
      out +=
          "  rule " + std::to_string(r) + (rule.filters_usable ? "" : " filters unusable") + "\n";
      render_filters(rule.filters, "    ", out);
      for (std::size_t b = 0; b < rule.backend_refs.size(); ++b) {
        const ResolvedBackend& backend = rule.backend_refs[b];
        out += "    backendRef " + std::to_string(b) + " " + ref_text(backend.ref) +
               (backend.usable ? "" : " (500)") + "\n";
        render_filters(backend.filters, "      ", out);
      }
    }
  }
  return out;
}

}  // namespace lintel::controller::graph
