#include <arpa/inet.h>
#include <re2/re2.h>

#include <algorithm>

#include "cel_error.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/support/json_text.h"
#include "rules.h"

namespace lintel::api::detail {

namespace {

using gateway::v1::Gateway;
using gateway::v1::GatewayInfrastructure;
using gateway::v1::GatewaySpec;
using gateway::v1::GatewaySpecAddress;
using gateway::v1::TLSPortConfig;
template <typename T>
using List = google::protobuf::RepeatedPtrField<T>;
using StringMap = google::protobuf::Map<std::string, std::string>;

const re2::RE2& hostname_pattern() {
  static const re2::RE2 pattern(
      R"re(^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)re");
  return pattern;
}

const re2::RE2& metadata_key_pattern() {
  static const re2::RE2 pattern(
      R"re(^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$)re");
  return pattern;
}

// CEL's size() of a string counts code points.
size_t code_points(std::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string quoted(const std::string& value) {
  std::string out;
  support::append_json_string(out, value);
  return out;
}

// kube-openapi's ipv4 and ipv6 formats: anything Go's net.ParseIP reads, with a '.' or a ':'.
bool is_ip_address(const std::string& value) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, value.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, value.c_str(), buffer) == 1;
}

// The schema's oneOf on an address: an IPAddress's value must be an IPv4 or IPv6 address. The
// errors are kube-openapi's: the failed oneOf and anyOf (not field errors, so reported at the
// root with an empty value), then the alternative that matched best, the ipv4 format.
template <typename Address>
bool check_ip_addresses(const List<Address>& addresses, const std::string& path,
                        std::vector<FieldError>& errors) {
  bool valid = true;
  for (int i = 0; i < addresses.size(); ++i) {
    const Address& address = addresses[i];
    if (address.type() != "IPAddress" || !address.has_value() || is_ip_address(address.value()))
      continue;
    valid = false;
    const std::string item = index(path, i);
    const std::string value = child(item, "value");
    errors.push_back({"<nil>", "Invalid value",
                      R"("": ")" + item +
                          R"(" must validate one and only one schema (oneOf). Found none valid)"});
    errors.push_back({"<nil>", "Invalid value",
                      R"("": ")" + value + R"(" must validate at least one schema (anyOf))"});
    errors.push_back({value, "Invalid value",
                      quoted(address.value()) + ": " + value +
                          " in body must be of type ipv4: " + quoted(address.value())});
  }
  return valid;
}

// A format error is a type error, which stops the API server from running the CEL rules.
bool check_address_formats(const Gateway& gateway, std::vector<FieldError>& errors) {
  bool valid = check_ip_addresses(gateway.spec().addresses(), "spec.addresses", errors);
  valid = check_ip_addresses(gateway.status().addresses(), "status.addresses", errors) && valid;
  if (!valid) {
    errors.push_back({"<nil>", "Invalid value",
                      R"("null": some validation rules were not checked because the object was )"
                      "invalid; correct the existing errors to complete validation"});
  }
  return valid;
}

// `self.all(a1, a1.type == T && has(a1.value) ? self.exists_one(a2, a2.type == a1.type &&
// has(a2.value) && a2.value == a1.value) : true)`
bool values_unique(const List<GatewaySpecAddress>& addresses, std::string_view type) {
  return std::all_of(addresses.begin(), addresses.end(), [&](const GatewaySpecAddress& a1) {
    if (a1.type() != type || !a1.has_value()) return true;
    return std::count_if(addresses.begin(), addresses.end(), [&](const GatewaySpecAddress& a2) {
             return a2.type() == a1.type() && a2.has_value() && a2.value() == a1.value();
           }) == 1;
  });
}

void check_addresses(const List<GatewaySpecAddress>& addresses, const std::string& path,
                     std::vector<FieldError>& errors) {
  if (!values_unique(addresses, "IPAddress"))
    errors.push_back(cel_error(path, kJsonArray, "IPAddress values must be unique"));
  if (!values_unique(addresses, "Hostname"))
    errors.push_back(cel_error(path, kJsonArray, "Hostname values must be unique"));
  for (int i = 0; i < addresses.size(); ++i) {
    const GatewaySpecAddress& address = addresses[i];
    if (address.type() != "Hostname" || !address.has_value() ||
        re2::RE2::PartialMatch(address.value(), hostname_pattern()))
      continue;
    errors.push_back(cel_error(
        index(path, i), kJsonObject,
        R"re(Hostname value must be empty or contain only valid characters (matching ^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$))re"));
  }
}

// The two rules on infrastructure.labels and on infrastructure.annotations, which differ only in
// the noun of their messages.
void check_metadata_keys(const StringMap& map, const std::string& path, const char* form_message,
                         const char* prefix_message, std::vector<FieldError>& errors) {
  bool well_formed = std::all_of(map.begin(), map.end(), [](const auto& entry) {
    return re2::RE2::PartialMatch(entry.first, metadata_key_pattern());
  });
  bool short_prefix = std::all_of(map.begin(), map.end(), [](const auto& entry) {
    std::string_view key = entry.first;
    return code_points(key.substr(0, key.find('/'))) < 253;
  });
  if (!well_formed) errors.push_back(cel_error(path, kJsonObject, form_message));
  if (!short_prefix) errors.push_back(cel_error(path, kJsonObject, prefix_message));
}

void check_infrastructure(const GatewayInfrastructure& infrastructure, const std::string& path,
                          std::vector<FieldError>& errors) {
  if (!infrastructure.labels().empty()) {
    check_metadata_keys(infrastructure.labels(), child(path, "labels"),
                        "Label keys must be in the form of an optional DNS subdomain prefix "
                        "followed by a required name segment of up to 63 characters.",
                        "If specified, the label key's prefix must be a DNS subdomain not longer "
                        "than 253 characters in total.",
                        errors);
  }
  if (!infrastructure.annotations().empty()) {
    check_metadata_keys(infrastructure.annotations(), child(path, "annotations"),
                        "Annotation keys must be in the form of an optional DNS subdomain prefix "
                        "followed by a required name segment of up to 63 characters.",
                        "If specified, the annotation key's prefix must be a DNS subdomain not "
                        "longer than 253 characters in total.",
                        errors);
  }
}

// perPort is a list keyed by port, so the OpenAPI checks catch a repeated port first; the rule
// is kept for objects that reach it some other way.
void check_per_port(const List<TLSPortConfig>& per_port, const std::string& path,
                    std::vector<FieldError>& errors) {
  bool unique = std::all_of(per_port.begin(), per_port.end(), [&](const TLSPortConfig& t1) {
    return std::count_if(per_port.begin(), per_port.end(),
                         [&](const TLSPortConfig& t2) { return t1.port() == t2.port(); }) == 1;
  });
  if (!unique) {
    errors.push_back(cel_error(path, kJsonArray,
                               "Port for TLS configuration must be unique within the Gateway"));
  }
}

void check_spec(const GatewaySpec& spec, const std::string& path, std::vector<FieldError>& errors) {
  check_listeners(spec.listeners(), child(path, "listeners"), errors);
  if (spec.addresses_size() > 0)
    check_addresses(spec.addresses(), child(path, "addresses"), errors);
  if (spec.has_infrastructure())
    check_infrastructure(spec.infrastructure(), child(path, "infrastructure"), errors);
  if (spec.has_tls() && spec.tls().has_frontend() && spec.tls().frontend().per_port_size() > 0) {
    check_per_port(spec.tls().frontend().per_port(), child(path, "tls.frontend.perPort"), errors);
  }
}

// A manifest's status is replaced by the default before validation, as on create; the rule runs
// on whatever the status holds.
void check_status_addresses(const Gateway& gateway, std::vector<FieldError>& errors) {
  const auto& addresses = gateway.status().addresses();
  for (int i = 0; i < addresses.size(); ++i) {
    if (addresses[i].type() != "Hostname" ||
        re2::RE2::PartialMatch(addresses[i].value(), hostname_pattern()))
      continue;
    errors.push_back(cel_error(
        index("status.addresses", i), kJsonObject,
        R"re(Hostname value must only contain valid characters (matching ^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$))re"));
  }
}

}  // namespace

void check_gateway_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors) {
  const auto& gateway = static_cast<const Gateway&>(object);
  if (!check_address_formats(gateway, errors)) return;
  check_spec(gateway.spec(), "spec", errors);
  check_status_addresses(gateway, errors);
}

}  // namespace lintel::api::detail
