#include "lintel/conversion/gateway_yaml.h"

#include <map>
#include <optional>

#include "lintel/support/yaml_writer.h"

namespace lintel::conversion {

namespace {

using support::YamlWriter;

const char* path_type_name(api::PathMatchType type) {
  switch (type) {
    case api::PathMatchType::kExact:
      return "Exact";
    case api::PathMatchType::kRegularExpression:
      return "RegularExpression";
    case api::PathMatchType::kPathPrefix:
      break;
  }
  return "PathPrefix";
}

const char* from_name(api::FromNamespaces from) {
  switch (from) {
    case api::FromNamespaces::kAll:
      return "All";
    case api::FromNamespaces::kSelector:
      return "Selector";
    case api::FromNamespaces::kSame:
      break;
  }
  return "Same";
}

void write_metadata(YamlWriter& out, const api::ObjectMeta& meta) {
  out.open("metadata").field("name", meta.name);
  if (!meta.namespace_.empty()) out.field("namespace", meta.namespace_);
  if (!meta.labels.empty()) {
    out.open("labels");
    for (const auto& [key, value] : meta.labels) out.field(key, value);
    out.close();
  }
  out.close();
}

class RouteWriter {
 public:
  RouteWriter(YamlWriter& out, const std::vector<const api::Service*>& services,
              std::vector<std::string>& approximations)
      : out_(out), approximations_(approximations) {
    for (const auto* service : services)
      services_[{service->metadata.namespace_, service->metadata.name}] = service;
  }

  void write(const api::HTTPRoute& route) {
    out_.document().field("apiVersion", "gateway.networking.k8s.io/v1").field("kind", "HTTPRoute");
    write_metadata(out_, route.metadata);
    out_.open("spec");
    out_.open("parentRefs");
    for (const auto& parent : route.parent_refs) {
      out_.item();
      if (parent.namespace_) out_.field("namespace", *parent.namespace_);
      out_.field("name", parent.name);
      if (parent.section_name) out_.field("sectionName", *parent.section_name);
      out_.close();
    }
    out_.close();
    if (!route.hostnames.empty()) {
      for (const auto& host : route.hostnames) {
        if (route.single_label_wildcards && host.rfind("*.", 0) == 0) {
          flag("Ingress host " + host +
               " matched exactly one label; this Gateway API hostname matches any number of them.");
        }
      }
      out_.open("hostnames");
      for (const auto& host : route.hostnames) out_.scalar_item(host);
      out_.close();
    }
    out_.open("rules");
    for (const auto& rule : route.rules) write_rule(route, rule);
    out_.close();
    out_.close();
  }

 private:
  void write_rule(const api::HTTPRoute& route, const api::HTTPRouteRule& rule) {
    out_.item();
    if (rule.name) out_.field("name", *rule.name);
    if (!rule.matches.empty()) {
      out_.open("matches");
      for (const auto& match : rule.matches) {
        out_.item()
            .open("path")
            .field("type", path_type_name(match.path.type))
            .field("value", match.path.value);
        out_.close().close();
      }
      out_.close();
    }
    out_.open("backendRefs");
    for (const auto& backend : rule.backend_refs) {
      std::string namespace_ = backend.namespace_.value_or(route.metadata.namespace_);
      std::optional<std::int32_t> port = backend.port;
      if (!port) port = port_by_name(namespace_, backend.name, backend.port_name);
      if (!port) {
        flag("Service " + namespace_ + "/" + backend.name + " has no port named \"" +
             backend.port_name + "\" here; set the port number before applying.");
      }
      out_.item().field("name", backend.name);
      if (backend.namespace_) out_.field("namespace", *backend.namespace_);
      if (port) out_.field("port", *port);
      out_.close();
    }
    out_.close();
    out_.close();
  }

  std::optional<std::int32_t> port_by_name(const std::string& namespace_, const std::string& name,
                                           const std::string& port_name) const {
    auto found = services_.find({namespace_, name});
    if (found == services_.end()) return std::nullopt;
    for (const auto& port : found->second->ports) {
      if (port.name == port_name) return port.port;
    }
    return std::nullopt;
  }

  void flag(const std::string& text) {
    out_.comment(text);
    approximations_.push_back(text);
  }

  YamlWriter& out_;
  std::vector<std::string>& approximations_;
  std::map<std::pair<std::string, std::string>, const api::Service*> services_;
};

}  // namespace

GatewayYaml to_gateway_yaml(const ConversionResult& result,
                            const std::vector<const api::Service*>& services) {
  GatewayYaml output;
  YamlWriter out;
  out.comment(
      "Gateway API objects converted by Lintel from Ingress: exactly what `lintel run` serves.");
  for (const auto& note : result.notes) {
    std::string text =
        "Not converted: Ingress " + note.ingress + " " + note.field + ": " + note.message;
    out.comment(text);
    output.approximations.push_back(text);
  }
  if (!result.gateways.empty()) {
    out.document().field("apiVersion", "v1").field("kind", "Namespace");
    out.open("metadata").field("name", kGatewayNamespace).close();
  }
  for (const auto& gateway_class : result.gateway_classes) {
    out.document()
        .field("apiVersion", "gateway.networking.k8s.io/v1")
        .field("kind", "GatewayClass");
    write_metadata(out, gateway_class.metadata);
    out.open("spec").field("controllerName", gateway_class.controller_name);
    if (!gateway_class.description.empty()) out.field("description", gateway_class.description);
    out.close();
  }
  for (const auto& gateway : result.gateways) {
    out.document().field("apiVersion", "gateway.networking.k8s.io/v1").field("kind", "Gateway");
    write_metadata(out, gateway.metadata);
    out.open("spec").field("gatewayClassName", gateway.gateway_class_name).open("listeners");
    for (const auto& listener : gateway.listeners) {
      out.item().field("name", listener.name);
      if (listener.hostname) out.field("hostname", *listener.hostname);
      out.field("port", listener.port).field("protocol", listener.protocol);
      out.open("allowedRoutes")
          .open("namespaces")
          .field("from", from_name(listener.allowed_routes.from));
      out.close().close().close();
    }
    out.close().close();
  }
  RouteWriter routes(out, services, output.approximations);
  for (const auto& route : result.http_routes) routes.write(route);
  output.text = out.text();
  return output;
}

}  // namespace lintel::conversion
