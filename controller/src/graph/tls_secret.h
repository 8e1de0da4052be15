#pragma once

#include <optional>
#include <string>

#include "lintel/core/v1/secret.pb.h"

namespace lintel::controller::graph {

// What makes a Secret unusable as a listener certificate, or nullopt when it is usable: it must be
// of type kubernetes.io/tls, with tls.crt holding a PEM CERTIFICATE block and tls.key a PEM
// private key block. Only the PEM framing is checked; the data plane loads the key pair itself.
std::optional<std::string> tls_secret_problem(const core::v1::Secret& secret);

}  // namespace lintel::controller::graph
