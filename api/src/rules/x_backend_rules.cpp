#include <string_view>

#include "cel_error.h"
#include "lintel/gatewayx/v1alpha1/x_backend.pb.h"
#include "rules.h"

namespace lintel::api::detail {

namespace {

using gatewayx::v1alpha1::BackendSpec;
using gatewayx::v1alpha1::BackendTLS;

void check_type(const BackendSpec& spec, const std::string& path, std::vector<FieldError>& errors) {
  if (spec.type() == "ExternalHostname" ? !spec.has_external_hostname()
                                        : spec.has_external_hostname()) {
    errors.push_back(cel_error(path, kJsonObject,
                               "externalHostname must be set when type is ExternalHostname and "
                               "must be unset otherwise"));
  }
}

void check_external_hostname(const BackendSpec& spec, const std::string& path,
                             std::vector<FieldError>& errors) {
  if (!spec.has_external_hostname() || !spec.external_hostname().has_hostname()) return;
  if (std::string_view(spec.external_hostname().hostname()).ends_with(".cluster.local")) {
    errors.push_back(cel_error(child(path, "externalHostname.hostname"), kJsonString,
                               "hostname must not be an IP address or end with .cluster.local"));
  }
}

// `size(self) == 0 || format.dns1123Label().validate(self) == null`: validate() returns an
// optional (none for a valid label) and CEL's == between an optional and null is false, so in
// v1.6.1 only an empty name passes (fixed upstream later, kubernetes-sigs/gateway-api#5193).
void check_port_name(const BackendSpec& spec, const std::string& path,
                     std::vector<FieldError>& errors) {
  if (!spec.port().has_name() || spec.port().name().empty()) return;
  errors.push_back(
      cel_error(child(path, "port.name"), kJsonString, "Name must be a valid DNS label"));
}

void check_tls(const BackendTLS& tls, const std::string& path, std::vector<FieldError>& errors) {
  if (tls.mode() == "ClientAndServer" ? !tls.has_client_certificate_ref()
                                      : tls.has_client_certificate_ref()) {
    errors.push_back(cel_error(path, kJsonObject,
                               "clientCertificateRef must be set if and only if mode is "
                               "ClientAndServer"));
  }
  if (tls.has_validation())
    check_tls_validation(tls.validation(), child(path, "validation"), errors);
}

}  // namespace

void check_x_backend_rules(const google::protobuf::Message& object,
                           std::vector<FieldError>& errors) {
  const auto& spec = static_cast<const gatewayx::v1alpha1::XBackend&>(object).spec();
  check_type(spec, "spec", errors);
  check_port_name(spec, "spec", errors);
  check_external_hostname(spec, "spec", errors);
  if (spec.has_tls()) check_tls(spec.tls(), "spec.tls", errors);
}

}  // namespace lintel::api::detail
