#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lintel/gateway/v1/gateway.pb.h"

namespace lintel::controller {

// Standalone mode's stand-in for a LoadBalancer's address management: every Gateway of Lintel's
// gets an IPv4 address of its own from one block (`lintel run --gateway-addresses
// 127.1.0.0/24`), so that two Gateways with the same port stay apart, as they would behind two
// load balancers. An address stays with its Gateway while the Gateway exists; a Gateway that
// asks for a free address of the block in spec.addresses gets that one.
class GatewayAddressPool {
 public:
  // "A.B.C.D/N" with N from 16 to 32; nullopt with `error` otherwise.
  static std::optional<GatewayAddressPool> parse(std::string_view cidr, std::string& error);

  // The address of each Gateway, by "namespace/name", for `gateways` in the order given (give
  // them in a stable order, so that the same history gives the same addresses). Gateways no
  // longer listed give theirs back; a Gateway that finds the block full gets none.
  std::map<std::string, std::string> assign(
      const std::vector<const gateway::v1::Gateway*>& gateways);

  const std::string& cidr() const { return cidr_; }

 private:
  GatewayAddressPool(std::string cidr, std::uint32_t first, std::uint32_t count)
      : cidr_(std::move(cidr)), first_(first), count_(count) {}

  std::optional<std::uint32_t> requested(const gateway::v1::Gateway& gateway) const;
  bool contains(std::uint32_t address) const { return address - first_ < count_; }

  std::string cidr_;
  std::uint32_t first_ = 0;
  std::uint32_t count_ = 0;
  std::map<std::string, std::uint32_t> assigned_;
};

}  // namespace lintel::controller
