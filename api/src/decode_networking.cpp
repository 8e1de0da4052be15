#include "decoders.h"

namespace lintel::api::detail {

namespace {

void read_service_backend(MapReader& r, IngressServiceBackend& out) {
  r.read("name", out.name);
  r.object("port", [&](MapReader& port) {
    port.read("name", out.port.name);
    port.read("number", out.port.number);
  });
}

void read_backend(MapReader& r, IngressBackend& out) {
  r.object("service", [&](MapReader& s) {
    out.service.emplace();
    read_service_backend(s, *out.service);
  });
  r.object("resource", [&](MapReader& res) {
    out.resource.emplace();
    res.read("apiGroup", out.resource->api_group);
    res.read("kind", out.resource->kind);
    res.read("name", out.resource->name);
  });
}

std::optional<PathType> path_type_of(const std::string& text) {
  if (text == "Exact") return PathType::kExact;
  if (text == "Prefix") return PathType::kPrefix;
  if (text == "ImplementationSpecific") return PathType::kImplementationSpecific;
  return std::nullopt;
}

}  // namespace

Ingress decode_ingress(MapReader& root) {
  Ingress ingress;
  read_object_meta(root, ingress.metadata);
  root.object("spec", [&](MapReader& spec) {
    spec.read("ingressClassName", ingress.spec.ingress_class_name);
    spec.object("defaultBackend", [&](MapReader& b) {
      ingress.spec.default_backend.emplace();
      read_backend(b, *ingress.spec.default_backend);
    });
    spec.list("tls", [&](MapReader& t, size_t) {
      IngressTLS tls;
      t.read("hosts", tls.hosts);
      t.read("secretName", tls.secret_name);
      ingress.spec.tls.push_back(std::move(tls));
    });
    spec.list("rules", [&](MapReader& r, size_t) {
      IngressRule rule;
      r.read("host", rule.host);
      r.object("http", [&](MapReader& http) {
        rule.http_paths.emplace();
        http.list("paths", [&](MapReader& p, size_t) {
          HTTPIngressPath path;
          p.read("path", path.path);
          std::string type;
          p.read("pathType", type);
          // An unknown value is kept visible to validation, which words the error.
          if (!type.empty()) {
            path.path_type = path_type_of(type);
            if (!path.path_type) {
              p.context().errors.push_back(
                  p.field_path("pathType") + ": Unsupported value: \"" + type +
                  "\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"");
            }
          }
          p.object("backend", [&](MapReader& b) { read_backend(b, path.backend); });
          rule.http_paths->push_back(std::move(path));
        });
      });
      ingress.spec.rules.push_back(std::move(rule));
    });
  });
  ignore_status(root);
  return ingress;
}

IngressClass decode_ingress_class(MapReader& root) {
  IngressClass ingress_class;
  read_object_meta(root, ingress_class.metadata);
  root.object("spec", [&](MapReader& spec) {
    spec.read("controller", ingress_class.controller);
    spec.object("parameters", [&](MapReader& p) {
      auto& params = ingress_class.parameters.emplace();
      p.read("apiGroup", params.api_group);
      p.read("kind", params.kind);
      p.read("name", params.name);
      p.read("scope", params.scope);
      p.read("namespace", params.namespace_);
    });
  });
  return ingress_class;
}

}  // namespace lintel::api::detail
