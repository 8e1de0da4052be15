#include "lintel/controller/gateway_address_pool.h"

#include <arpa/inet.h>

#include <charconv>

namespace lintel::controller {

namespace {

std::optional<std::uint32_t> parse_ipv4(const std::string& text) {
  in_addr parsed{};
  if (inet_pton(AF_INET, text.c_str(), &parsed) != 1) return std::nullopt;
  return ntohl(parsed.s_addr);
}

std::string format_ipv4(std::uint32_t address) {
  in_addr raw{htonl(address)};
  char text[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &raw, text, sizeof text);
  return text;
}

std::string key_of(const gateway::v1::Gateway& gateway) {
  return gateway.metadata().namespace_() + "/" + gateway.metadata().name();
}

}  // namespace

std::optional<GatewayAddressPool> GatewayAddressPool::parse(std::string_view cidr,
                                                            std::string& error) {
  const auto slash = cidr.find('/');
  int prefix = -1;
  std::optional<std::uint32_t> base;
  if (slash != std::string_view::npos) {
    base = parse_ipv4(std::string(cidr.substr(0, slash)));
    std::string_view bits = cidr.substr(slash + 1);
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
    if (ec != std::errc() || end != bits.data() + bits.size()) prefix = -1;
  }
  if (!base || prefix < 16 || prefix > 32) {
    error = "\"" + std::string(cidr) +
            "\" is not an IPv4 block from /16 to /32 (for example 127.1.0.0/24)";
    return std::nullopt;
  }
  const std::uint32_t size = prefix == 32 ? 1u : (1u << (32 - prefix));
  const std::uint32_t network = *base & ~(size - 1);
  // A block's first and last addresses name the network and its broadcast (RFC 3021 aside).
  const bool whole = size <= 2;
  return GatewayAddressPool(std::string(cidr), whole ? network : network + 1,
                            whole ? size : size - 2);
}

std::optional<std::uint32_t> GatewayAddressPool::requested(
    const gateway::v1::Gateway& gateway) const {
  for (const auto& address : gateway.spec().addresses()) {
    if (address.has_type() && address.type() != "IPAddress") continue;
    if (auto value = parse_ipv4(address.value()); value && contains(*value)) return value;
  }
  return std::nullopt;
}

std::map<std::string, std::string> GatewayAddressPool::assign(
    const std::vector<const gateway::v1::Gateway*>& gateways) {
  std::map<std::string, std::uint32_t> next;
  std::set<std::uint32_t> taken;
  // Gateways keep what they had first, then requests are honoured, then the rest are served
  // from the lowest free address: a new Gateway never moves an old one.
  for (const gateway::v1::Gateway* gateway : gateways) {
    const std::string key = key_of(*gateway);
    const auto had = assigned_.find(key);
    if (had == assigned_.end()) continue;
    const auto wanted = requested(*gateway);
    if (wanted && *wanted != had->second) continue;  // it asks to move
    next[key] = had->second;
    taken.insert(had->second);
  }
  for (const gateway::v1::Gateway* gateway : gateways) {
    const std::string key = key_of(*gateway);
    if (next.count(key)) continue;
    if (auto wanted = requested(*gateway); wanted && taken.insert(*wanted).second)
      next[key] = *wanted;
  }
  std::uint32_t cursor = 0;
  for (const gateway::v1::Gateway* gateway : gateways) {
    const std::string key = key_of(*gateway);
    if (next.count(key)) continue;
    while (cursor < count_ && taken.count(first_ + cursor)) ++cursor;
    if (cursor == count_) continue;
    next[key] = first_ + cursor;
    taken.insert(first_ + cursor);
  }
  assigned_ = std::move(next);
  std::map<std::string, std::string> out;
  for (const auto& [key, address] : assigned_) out.emplace(key, format_ipv4(address));
  return out;
}

}  // namespace lintel::controller
