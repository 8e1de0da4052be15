#pragma once

#include <string>
#include <vector>

namespace lintel::controller::graph {

struct TestKeyPair {
  std::string certificate_pem;
  std::string key_pem;
};

// A fresh P-256 key and a self-signed certificate for `dns_names` (subjectAltName; IP addresses
// among them become IP entries), valid from
// `not_before_days` to `not_after_days` from now; made in memory, never written anywhere.
TestKeyPair make_test_key_pair(const std::vector<std::string>& dns_names, long not_before_days = 0,
                               long not_after_days = 30);

}  // namespace lintel::controller::graph
