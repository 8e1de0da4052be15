#include "tls_secret.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace lintel::controller::graph {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

bool is_base64_text(std::string_view body) {
  bool any = false;
  for (char c : body) {
    auto u = static_cast<unsigned char>(c);
    if (std::isspace(u)) continue;
    if (!std::isalnum(u) && c != '+' && c != '/' && c != '=') return false;
    any = true;
  }
  return any;
}

// Whether `data` holds a PEM block whose label satisfies `wanted`, with a base64 body.
template <typename Predicate>
bool has_pem_block(std::string_view data, Predicate wanted) {
  for (size_t at = data.find(kBegin); at != std::string_view::npos;
       at = data.find(kBegin, at + 1)) {
    size_t label_start = at + kBegin.size();
    size_t label_end = data.find(kDashes, label_start);
    if (label_end == std::string_view::npos) return false;
    std::string_view label = data.substr(label_start, label_end - label_start);
    if (!wanted(label)) continue;
    std::string end_marker = std::string(kEnd) + std::string(label) + std::string(kDashes);
    size_t body_start = label_end + kDashes.size();
    size_t end = data.find(end_marker, body_start);
    if (end != std::string_view::npos && is_base64_text(data.substr(body_start, end - body_start)))
      return true;
  }
  return false;
}

// stringData is merged into data by the API server; a manifest read directly may use either.
const std::string* value_of(const core::v1::Secret& secret, const std::string& key) {
  if (auto it = secret.data().find(key); it != secret.data().end()) return &it->second;
  if (auto it = secret.string_data().find(key); it != secret.string_data().end())
    return &it->second;
  return nullptr;
}

}  // namespace

std::optional<std::string> tls_secret_problem(const core::v1::Secret& secret) {
  std::string type = secret.has_type() ? secret.type() : "Opaque";
  if (type != "kubernetes.io/tls") return "is of type " + type + ", not kubernetes.io/tls";
  const std::string* crt = value_of(secret, "tls.crt");
  const std::string* key = value_of(secret, "tls.key");
  if (!crt || !key) return "has no tls.crt and tls.key";
  if (!has_pem_block(*crt, [](std::string_view label) { return label == "CERTIFICATE"; }))
    return "has no PEM certificate in tls.crt";
  auto private_key = [](std::string_view label) {
    return label.ends_with("PRIVATE KEY") && !label.starts_with("ENCRYPTED");
  };
  if (!has_pem_block(*key, private_key)) return "has no PEM private key in tls.key";
  return std::nullopt;
}

}  // namespace lintel::controller::graph
