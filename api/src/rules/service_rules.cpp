#include <set>

#include "builtin_checks.h"
#include "lintel/core/v1/service.pb.h"
#include "rules.h"

// Not CEL: the API server's built-in validation of a core/v1 Service (ValidateService), the
// parts Lintel relies on: its ports.
namespace lintel::api::detail {

namespace {

using core::v1::Service;
using core::v1::ServicePort;

void check_dns1123_label(const std::string& value, const std::string& field,
                         std::vector<FieldError>& errors) {
  if (is_dns1123_label(value)) return;
  errors.push_back(invalid_value(
      field, value,
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
      "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
      "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
}

void check_port(const ServicePort& port, bool name_required, const std::string& field,
                std::vector<FieldError>& errors) {
  if (port.name().empty()) {
    if (name_required) errors.push_back(required_value(field + ".name"));
  } else {
    check_dns1123_label(port.name(), field + ".name", errors);
  }
  check_port_number(port.port(), field + ".port", errors);
  if (!port.has_target_port()) return;
  if (port.target_port().has_int_value()) {
    check_port_number(port.target_port().int_value(), field + ".targetPort", errors);
  } else {
    check_port_name(port.target_port().str_value(), field + ".targetPort", errors);
  }
}

}  // namespace

void check_service_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors) {
  const auto& spec = static_cast<const Service&>(object).spec();
  const std::string type = spec.has_type() ? spec.type() : "ClusterIP";
  if (type == "ExternalName") {
    if (spec.external_name().empty()) errors.push_back(required_value("spec.externalName"));
  } else if (spec.ports().empty() && spec.cluster_ip() != "None") {
    errors.push_back(required_value("spec.ports"));
  }
  std::set<std::string> names;
  for (int i = 0; i < spec.ports_size(); ++i) {
    const ServicePort& port = spec.ports(i);
    std::string field = "spec.ports[" + std::to_string(i) + "]";
    check_port(port, spec.ports_size() > 1, field, errors);
    if (!port.name().empty() && !names.insert(port.name()).second)
      errors.push_back({field + ".name", "Duplicate value", "\"" + port.name() + "\""});
  }
}

}  // namespace lintel::api::detail
