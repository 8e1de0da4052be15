#include <re2/re2.h>

#include <set>
#include <string>
#include <string_view>

#include "lintel/core/v1/secret.pb.h"
#include "rules.h"

// Not CEL: the API server's built-in validation of a Secret's data (ValidateSecret), in its words.
namespace lintel::api::detail {

namespace {

using core::v1::Secret;

// The keys the API server validates: stringData is merged into data before validation.
std::set<std::string> data_keys(const Secret& secret) {
  std::set<std::string> keys;
  for (const auto& [key, value] : secret.data()) keys.insert(key);
  for (const auto& [key, value] : secret.string_data()) keys.insert(key);
  return keys;
}

std::string data_path(std::string_view key) {
  return "data[" + std::string(key) + "]";
}

std::string quoted(std::string_view value) {
  return "\"" + std::string(value) + "\"";
}

// IsConfigMapKey: each problem is one error.
void check_key(const std::string& key, std::vector<FieldError>& errors) {
  static const re2::RE2 pattern("[-._a-zA-Z0-9]+");
  auto invalid = [&](const char* detail) {
    errors.push_back({data_path(key), "Invalid value", quoted(key) + ": " + detail});
  };
  if (key.size() > 253) invalid("must be no more than 253 characters");
  if (!re2::RE2::FullMatch(key, pattern)) {
    invalid(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
        "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
        "'[-._a-zA-Z0-9]+')");
  }
  if (key == ".") {
    invalid("must not be '.'");
  } else if (key == "..") {
    invalid("must not be '..'");
  } else if (key.starts_with("..")) {
    invalid("must not start with '..'");
  }
}

}  // namespace

void check_secret_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors) {
  const auto& secret = static_cast<const Secret&>(object);
  std::set<std::string> keys = data_keys(secret);
  // The API server walks a Go map, in no fixed order; sorted keys keep the messages stable.
  for (const auto& key : keys) check_key(key, errors);
  if (secret.type() != "kubernetes.io/tls") return;
  for (const char* required : {"tls.crt", "tls.key"}) {
    if (!keys.contains(required)) errors.push_back({data_path(required), "Required value", ""});
  }
}

}  // namespace lintel::api::detail
