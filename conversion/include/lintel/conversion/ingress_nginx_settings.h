#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lintel/api/core.h"

namespace lintel::conversion {

// Where ingress-nginx's Helm chart puts the controller's ConfigMap (`--ingress-nginx-configmap`).
inline constexpr const char* kIngressNginxConfigMap = "ingress-nginx/ingress-nginx-controller";

// How one ConfigMap key carried over into Gateway API.
enum class Outcome { converted, approximated, unsupported };
const char* outcome_name(Outcome outcome);

struct SettingReport {
  std::string key;
  std::string value;
  Outcome outcome = Outcome::converted;
  std::string detail;  // to what it converted, how it differs, or why it cannot
};

// The global defaults of the ingress-nginx controller that apply to every Ingress it served,
// as far as Gateway API (or Lintel) has a construct for them.
struct IngressNginxSettings {
  // ssl-redirect (ingress-nginx default "true"): HTTP requests for hosts in some spec.tls are
  // redirected to HTTPS.
  bool ssl_redirect = true;
  // proxy-read-timeout, as a Gateway API duration ("60s") for HTTPRoute rule
  // timeouts.backendRequest; unset when the ConfigMap does not set it.
  std::optional<std::string> backend_request_timeout;
  // Every key the ConfigMap sets, in key order, with what became of it.
  std::vector<SettingReport> reports;
  // "namespace/name" of the ConfigMap read; empty when there was none.
  std::string source;
};

// Reads the ConfigMap named `namespaced_name` ("namespace/name") among `config_maps`; the
// defaults when it is not there. Pure.
IngressNginxSettings read_ingress_nginx_settings(
    const std::vector<const api::ConfigMap*>& config_maps, const std::string& namespaced_name);

}  // namespace lintel::conversion
