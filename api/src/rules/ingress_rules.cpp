#include "builtin_checks.h"
#include "lintel/networking/v1/ingress.pb.h"
#include "rules.h"

// Not CEL: the API server's built-in validation of networking.k8s.io/v1 Ingress
// (ValidateIngressCreate), the parts a manifest must pass before any controller sees it.
namespace lintel::api::detail {

namespace {

using networking::v1::HTTPIngressPath;
using networking::v1::Ingress;
using networking::v1::IngressBackend;

void check_backend(const IngressBackend& backend, const std::string& field,
                   std::vector<FieldError>& errors) {
  if (backend.has_resource() && backend.has_service()) {
    errors.push_back(invalid_value(field, "", "cannot set both resource and service backends"));
    return;
  }
  if (backend.has_resource()) {
    if (backend.resource().kind().empty())
      errors.push_back(required_value(field + ".resource.kind"));
    if (backend.resource().name().empty())
      errors.push_back(required_value(field + ".resource.name"));
    return;
  }
  if (!backend.has_service()) {
    errors.push_back(invalid_value(field, "", "resource or service backend is required"));
    return;
  }
  const auto& service = backend.service();
  if (service.name().empty()) {
    errors.push_back(required_value(field + ".service.name"));
  } else if (!is_dns1035_label(service.name())) {
    errors.push_back(
        invalid_value(field + ".service.name", service.name(),
                      "a DNS-1035 label must consist of lower case alphanumeric characters or "
                      "'-', start with an alphabetic character, and end with an alphanumeric "
                      "character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                      "'[a-z]([-a-z0-9]*[a-z0-9])?')"));
  }
  bool has_name = !service.port().name().empty();
  bool has_number = service.port().number() != 0;
  if (has_name && has_number) {
    errors.push_back(invalid_value(field, "", "cannot set both port name & port number"));
  } else if (has_name) {
    check_port_name(service.port().name(), field + ".service.port.name", errors);
  } else if (has_number) {
    check_port_number(service.port().number(), field + ".service.port.number", errors);
  } else {
    errors.push_back(required_value(field + ".service.port", "port name or number is required"));
  }
}

void check_absolute(const std::string& path, const std::string& field,
                    std::vector<FieldError>& errors) {
  if (path.empty() || path[0] != '/') {
    errors.push_back(invalid_value(field, path, "must be an absolute path"));
    return;
  }
  for (const char* bad : {"//", "/./", "/../", "%2f", "%2F"}) {
    if (path.find(bad) != std::string::npos)
      errors.push_back(invalid_value(field, path, std::string("must not contain '") + bad + "'"));
  }
  for (std::string_view bad : {"/..", "/."}) {
    if (std::string_view(path).ends_with(bad))
      errors.push_back(invalid_value(field, path, "must not end with '" + std::string(bad) + "'"));
  }
}

void check_path(const HTTPIngressPath& path, const std::string& field,
                std::vector<FieldError>& errors) {
  if (!path.has_path_type()) {
    errors.push_back(required_value(field + ".pathType", "pathType must be specified"));
  } else if (path.path_type() == "Exact" || path.path_type() == "Prefix") {
    check_absolute(path.path(), field + ".path", errors);
  } else if (path.path_type() == "ImplementationSpecific") {
    if (!path.path().empty() && path.path()[0] != '/')
      errors.push_back(invalid_value(field + ".path", path.path(), "must be an absolute path"));
  } else {
    errors.push_back(
        {field + ".pathType", "Unsupported value",
         "\"" + path.path_type() +
             "\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\""});
  }
  check_backend(path.backend(), field + ".backend", errors);
}

}  // namespace

void check_ingress_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors) {
  const auto& spec = static_cast<const Ingress&>(object).spec();
  if (!spec.has_default_backend() && spec.rules().empty()) {
    errors.push_back(
        {"spec", "Invalid value",
         "[]networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"});
  }
  if (spec.has_default_backend())
    check_backend(spec.default_backend(), "spec.defaultBackend", errors);
  for (int i = 0; i < spec.rules_size(); ++i) {
    const auto& rule = spec.rules(i);
    std::string field = "spec.rules[" + std::to_string(i) + "]";
    if (!rule.host().empty()) check_host(rule.host(), field + ".host", errors);
    if (!rule.has_http()) continue;
    if (rule.http().paths().empty()) errors.push_back(required_value(field + ".http.paths"));
    for (int j = 0; j < rule.http().paths_size(); ++j) {
      check_path(rule.http().paths(j), field + ".http.paths[" + std::to_string(j) + "]", errors);
    }
  }
  for (int i = 0; i < spec.tls_size(); ++i) {
    for (int j = 0; j < spec.tls(i).hosts_size(); ++j) {
      check_host(spec.tls(i).hosts(j),
                 "spec.tls[" + std::to_string(i) + "].hosts[" + std::to_string(j) + "]", errors);
    }
  }
  if (spec.has_ingress_class_name() && !is_dns1123_subdomain(spec.ingress_class_name())) {
    errors.push_back(invalid_value(
        "spec.ingressClassName", spec.ingress_class_name(),
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
        "characters, '-' or '.', and must start and end with an alphanumeric character"));
  }
}

}  // namespace lintel::api::detail
