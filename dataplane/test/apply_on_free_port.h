#pragma once

#include <cstdint>
#include <string>

#include "lintel/dataplane/proxy_server.h"
#include "test_http_client.h"

namespace lintel::dataplane::testing {

// Applies `make(port)` for a free loopback port and returns the port, or 0 with `error` set. A
// free port can be taken between probing and binding, so a few ports are tried.
template <typename MakeSnapshot>
std::uint16_t apply_on_free_port(ProxyServer& proxy, const MakeSnapshot& make, std::string& error) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const std::uint16_t port = free_port();
    if (proxy.apply(make(port), error)) return port;
  }
  return 0;
}

}  // namespace lintel::dataplane::testing
