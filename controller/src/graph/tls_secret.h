#pragma once

#include <optional>
#include <string>

#include "lintel/core/v1/secret.pb.h"

namespace lintel::controller::graph {

// What makes a Secret unusable as a listener certificate, or nullopt when it is usable: it must be
// of type kubernetes.io/tls, tls.crt must hold PEM certificates (the leaf first) and tls.key the
// leaf's unencrypted PEM private key, as OpenSSL reads them.
std::optional<std::string> tls_secret_problem(const core::v1::Secret& secret);

// The value of `key` ("tls.crt", "tls.key") from data or stringData; null when absent.
const std::string* tls_secret_value(const core::v1::Secret& secret, const std::string& key);

}  // namespace lintel::controller::graph
