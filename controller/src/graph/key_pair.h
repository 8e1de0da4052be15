#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::controller::graph {

// What a PEM certificate chain and private key hold, checked with OpenSSL.
struct KeyPair {
  // Why the pair cannot be served (names tls.crt or tls.key), or nullopt when it can.
  std::optional<std::string> problem;
  // The leaf certificate's subjectAltName DNS names, lower case, in certificate order.
  std::vector<std::string> dns_names;
  // The leaf's notAfter, seconds since the epoch. Expiry is the certificate owner's business:
  // an expired certificate is still served, as clients decide what they accept.
  long long not_after = 0;
};

// Every PEM block of `chain_pem` must be a certificate (the leaf first), `key_pem` one
// unencrypted private key, and the key must be the leaf's.
KeyPair inspect_key_pair(std::string_view chain_pem, std::string_view key_pem);

}  // namespace lintel::controller::graph
