#include "tls_secret.h"

#include "key_pair.h"

namespace lintel::controller::graph {

// stringData is merged into data by the API server; a manifest read directly may use either.
const std::string* tls_secret_value(const core::v1::Secret& secret, const std::string& key) {
  if (auto it = secret.data().find(key); it != secret.data().end()) return &it->second;
  if (auto it = secret.string_data().find(key); it != secret.string_data().end())
    return &it->second;
  return nullptr;
}

std::optional<std::string> tls_secret_problem(const core::v1::Secret& secret) {
  std::string type = secret.has_type() ? secret.type() : "Opaque";
  if (type != "kubernetes.io/tls") return "is of type " + type + ", not kubernetes.io/tls";
  const std::string* crt = tls_secret_value(secret, "tls.crt");
  const std::string* key = tls_secret_value(secret, "tls.key");
  if (!crt || !key) return "has no tls.crt and tls.key";
  KeyPair pair = inspect_key_pair(*crt, *key);
  if (pair.problem) return "is not a usable key pair: " + *pair.problem;
  return std::nullopt;
}

}  // namespace lintel::controller::graph
