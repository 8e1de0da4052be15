#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lintel/gateway/v1/gateway.pb.h"
#include "problem.h"

namespace lintel::controller::graph {

struct GatewayAddresses {
  std::optional<Problem> unsupported;  // Accepted False: UnsupportedAddress
  std::optional<Problem> not_usable;   // Programmed False: AddressNotUsable or AddressNotAssigned
  std::vector<std::string> bound;      // status.addresses (IPAddress)
};

// spec.addresses against the addresses Lintel has: only type IPAddress can be honoured; a value
// must be one of `available`, and an empty value asks for any of them. Without spec.addresses
// every available address is bound.
GatewayAddresses check_gateway_addresses(const gateway::v1::Gateway& gateway,
                                         const std::vector<std::string>& available);

}  // namespace lintel::controller::graph
