#pragma once

#include <string>

namespace lintel::controller::graph {

inline constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

// The listener protocols Lintel serves; every other one is UnsupportedProtocol.
inline bool served_protocol(const std::string& protocol) {
  return protocol == "HTTP" || protocol == "HTTPS";
}

}  // namespace lintel::controller::graph
