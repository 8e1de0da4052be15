#include "lintel/conversion/migration_report.h"

#include <algorithm>
#include <set>

#include "lintel/support/json_text.h"

namespace lintel::conversion {

namespace {

Outcome worse(Outcome a, Outcome b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

std::vector<const MigrationFlag*> flags_of(const GatewayYaml& yaml, const std::string& ingress) {
  std::vector<const MigrationFlag*> out;
  for (const auto& flag : yaml.flags)
    if (flag.ingress == ingress) out.push_back(&flag);
  return out;
}

Outcome outcome_of(const GatewayYaml& yaml, const std::string& ingress) {
  Outcome outcome = Outcome::converted;
  for (const auto* flag : flags_of(yaml, ingress)) outcome = worse(outcome, flag->outcome);
  return outcome;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string request_text(const IngressRequest& request) {
  return request.scheme + "://" + request.host + request.target;
}

class JsonWriter {
 public:
  JsonWriter& key(const char* name) {
    comma();
    support::append_json_string(out_, name);
    out_ += ": ";
    fresh_ = true;
    return *this;
  }
  JsonWriter& string(const std::string& value) {
    comma();
    support::append_json_string(out_, value);
    return *this;
  }
  JsonWriter& number(size_t value) {
    comma();
    out_ += std::to_string(value);
    return *this;
  }
  JsonWriter& open(char bracket) {
    comma();
    out_ += bracket;
    fresh_ = true;
    return *this;
  }
  JsonWriter& close(char bracket) {
    out_ += bracket;
    fresh_ = false;
    return *this;
  }
  JsonWriter& strings(const char* name, const std::vector<std::string>& values) {
    key(name).open('[');
    for (const auto& value : values) string(value);
    return close(']');
  }
  std::string text() const { return out_ + "\n"; }

 private:
  void comma() {
    if (!fresh_ && !out_.empty()) out_ += ", ";
    fresh_ = false;
  }
  std::string out_;
  bool fresh_ = true;
};

}  // namespace

std::vector<std::string> ingresses_left_alone(const std::vector<const api::Ingress*>& ingresses,
                                              const ConversionResult& result) {
  std::set<std::string> converted;
  for (const auto& ingress : result.ingresses) converted.insert(ingress.ingress);
  std::set<std::string> left_alone;
  for (const auto* ingress : ingresses) {
    std::string key = ingress->metadata().namespace_() + "/" + ingress->metadata().name();
    if (!converted.count(key)) left_alone.insert(key);
  }
  return {left_alone.begin(), left_alone.end()};
}

Outcome migration_outcome(const MigrationReportInput& input) {
  Outcome outcome = Outcome::converted;
  for (const auto& flag : input.yaml.flags) outcome = worse(outcome, flag.outcome);
  return outcome;
}

std::string migration_report_text(const MigrationReportInput& input) {
  std::string out;
  for (const auto& ingress : input.result.ingresses) {
    out += "Ingress " + ingress.ingress + ": " +
           outcome_name(outcome_of(input.yaml, ingress.ingress)) + "\n";
    out += "  converted to: Gateway " + ingress.gateway;
    if (!ingress.listeners.empty()) out += " (HTTPS listeners " + joined(ingress.listeners) + ")";
    out += ingress.routes.empty() ? ", no HTTPRoute\n"
                                  : ", HTTPRoutes " + joined(ingress.routes) + "\n";
    for (const auto* flag : flags_of(input.yaml, ingress.ingress))
      out += "  " + std::string(outcome_name(flag->outcome)) + ": " + flag->text + "\n";
  }
  for (const auto& ingress : input.left_alone)
    out += "Ingress " + ingress + ": left alone (not of Lintel's IngressClass)\n";
  const auto& settings = input.result.ingress_nginx;
  if (!settings.source.empty()) {
    out += "ConfigMap " + settings.source + ":\n";
    for (const auto& setting : settings.reports) {
      out += "  " + setting.key + "=" + setting.value + ": " + outcome_name(setting.outcome) +
             ": " + setting.detail + "\n";
    }
  }
  if (input.verify) {
    out += "Verify: " + std::to_string(input.verify->requests) + " requests compared, " +
           std::to_string(input.verify->differences.size()) + " differ\n";
    for (const auto& difference : input.verify->differences) {
      out += "  " + request_text(difference.request) +
             ": Ingress: " + difference.ingress_semantics +
             "; Gateway API: " + difference.converted + "\n";
    }
    for (const auto& skipped : input.verify->skipped) out += "  not compared: " + skipped + "\n";
  }
  out += std::string("Outcome: ") + outcome_name(migration_outcome(input)) + "\n";
  return out;
}

std::string migration_report_json(const MigrationReportInput& input) {
  JsonWriter json;
  json.open('{').key("outcome").string(outcome_name(migration_outcome(input)));
  json.key("ingresses").open('[');
  for (const auto& ingress : input.result.ingresses) {
    json.open('{').key("ingress").string(ingress.ingress);
    json.key("outcome").string(outcome_name(outcome_of(input.yaml, ingress.ingress)));
    json.key("ingressClass").string(ingress.ingress_class);
    json.key("gateway").string(ingress.gateway);
    json.strings("httpsListeners", ingress.listeners);
    json.strings("httpRoutes", ingress.routes);
    json.key("notes").open('[');
    for (const auto* flag : flags_of(input.yaml, ingress.ingress)) {
      json.open('{').key("outcome").string(outcome_name(flag->outcome));
      json.key("message").string(flag->text).close('}');
    }
    json.close(']').close('}');
  }
  json.close(']');
  json.strings("leftAlone", input.left_alone);
  const auto& settings = input.result.ingress_nginx;
  if (!settings.source.empty()) {
    json.key("configMap").open('{').key("name").string(settings.source);
    json.key("settings").open('[');
    for (const auto& setting : settings.reports) {
      json.open('{').key("key").string(setting.key).key("value").string(setting.value);
      json.key("outcome").string(outcome_name(setting.outcome));
      json.key("detail").string(setting.detail).close('}');
    }
    json.close(']').close('}');
  }
  if (input.verify) {
    json.key("verify").open('{').key("requests").number(input.verify->requests);
    json.key("differences").open('[');
    for (const auto& difference : input.verify->differences) {
      json.open('{').key("request").string(request_text(difference.request));
      json.key("ingress").string(difference.ingress_semantics);
      json.key("gatewayAPI").string(difference.converted).close('}');
    }
    json.close(']');
    json.strings("notCompared", input.verify->skipped).close('}');
  }
  json.close('}');
  return json.text();
}

}  // namespace lintel::conversion
