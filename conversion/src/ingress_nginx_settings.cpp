#include "lintel/conversion/ingress_nginx_settings.h"

#include <cctype>
#include <map>

namespace lintel::conversion {

namespace {

bool all_digits(const std::string& value) {
  if (value.empty() || value.size() > 5) return false;
  for (char c : value)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

class SettingsReader {
 public:
  explicit SettingsReader(IngressNginxSettings& settings) : settings_(settings) {}

  void read(const std::string& key, const std::string& value) {
    if (key == "ssl-redirect") return ssl_redirect(value);
    if (key == "proxy-read-timeout") return read_timeout(value);
    if (key == "proxy-connect-timeout")
      return report(key, value, Outcome::unsupported,
                    "Gateway API has no connect timeout; Lintel's own connect timeout applies");
    if (key == "proxy-send-timeout")
      return report(key, value, Outcome::unsupported,
                    "Gateway API has no timeout between two writes of the request to the "
                    "backend; HTTPRoute rule timeouts bound the whole request instead");
    if (key == "proxy-body-size")
      return report(key, value, Outcome::unsupported,
                    "Gateway API has no request body limit; Lintel forwards request bodies of "
                    "any size");
    if (key == "use-forwarded-headers")
      return report(key, value, Outcome::approximated,
                    "Lintel always appends the client address to X-Forwarded-For and sets "
                    "X-Forwarded-Proto and X-Forwarded-Host from the connection it received");
    report(key, value, Outcome::unsupported, "this ingress-nginx setting is not read by Lintel");
  }

 private:
  void ssl_redirect(const std::string& value) {
    if (value != "true" && value != "false")
      return report("ssl-redirect", value, Outcome::unsupported,
                    "not \"true\" or \"false\"; the default (true) applies");
    settings_.ssl_redirect = value == "true";
    report("ssl-redirect", value, Outcome::converted,
           settings_.ssl_redirect
               ? "HTTPRoutes with a RequestRedirect to https on the HTTP listener for TLS hosts"
               : "TLS hosts are served on both the HTTP and the HTTPS listeners");
  }

  void read_timeout(const std::string& value) {
    if (!all_digits(value))
      return report("proxy-read-timeout", value, Outcome::unsupported,
                    "not a whole number of seconds");
    settings_.backend_request_timeout = value + "s";
    report("proxy-read-timeout", value, Outcome::approximated,
           "HTTPRoute rule timeouts.backendRequest " + value +
               "s: ingress-nginx bounds the wait between two reads of the response, Gateway "
               "API the whole response");
  }

  void report(const std::string& key, const std::string& value, Outcome outcome,
              std::string detail) {
    settings_.reports.push_back(SettingReport{key, value, outcome, std::move(detail)});
  }

  IngressNginxSettings& settings_;
};

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::converted:
      return "converted";
    case Outcome::approximated:
      return "approximated";
    case Outcome::unsupported:
      return "unsupported";
  }
  return "unsupported";
}

IngressNginxSettings read_ingress_nginx_settings(
    const std::vector<const api::ConfigMap*>& config_maps, const std::string& namespaced_name) {
  IngressNginxSettings settings;
  for (const auto* config_map : config_maps) {
    if (config_map->metadata().namespace_() + "/" + config_map->metadata().name() !=
        namespaced_name)
      continue;
    settings.source = namespaced_name;
    // The map is unordered; the report is in key order.
    std::map<std::string, std::string> data(config_map->data().begin(), config_map->data().end());
    SettingsReader reader(settings);
    for (const auto& [key, value] : data) reader.read(key, value);
  }
  return settings;
}

}  // namespace lintel::conversion
