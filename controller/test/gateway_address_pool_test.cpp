// Every Gateway gets an address of its own, keeps it while it exists, and may ask for one.
#include "lintel/controller/gateway_address_pool.h"

#include <gtest/gtest.h>

namespace lintel::controller {
namespace {

gateway::v1::Gateway gateway(const std::string& name, const std::string& wants = "") {
  gateway::v1::Gateway out;
  out.mutable_metadata()->set_namespace_("infra");
  out.mutable_metadata()->set_name(name);
  if (!wants.empty()) out.mutable_spec()->add_addresses()->set_value(wants);
  return out;
}

GatewayAddressPool pool(const std::string& cidr) {
  std::string error;
  auto parsed = GatewayAddressPool::parse(cidr, error);
  EXPECT_TRUE(parsed) << error;
  return *parsed;
}

TEST(GatewayAddressPool, RefusesWhatIsNotAnIpv4BlockOfAUsableSize) {
  for (const char* bad : {"127.1.0.0", "127.1.0.0/8", "127.1.0.0/33", "::1/128", "127.1.0/24",
                          "127.1.0.0/24x", "localhost/24", ""}) {
    std::string error;
    EXPECT_FALSE(GatewayAddressPool::parse(bad, error)) << bad;
    EXPECT_NE(error.find("is not an IPv4 block"), std::string::npos) << error;
  }
}

TEST(GatewayAddressPool, GivesTheLowestFreeAddressSkippingTheNetworkAddress) {
  GatewayAddressPool addresses = pool("127.1.0.77/24");
  auto a = gateway("a"), b = gateway("b");
  auto assigned = addresses.assign({&a, &b});
  EXPECT_EQ(assigned.at("infra/a"), "127.1.0.1");
  EXPECT_EQ(assigned.at("infra/b"), "127.1.0.2");
}

TEST(GatewayAddressPool, AGatewayKeepsItsAddressWhenOthersComeAndGo) {
  GatewayAddressPool addresses = pool("10.0.0.0/29");
  auto a = gateway("a"), b = gateway("b"), c = gateway("c");
  addresses.assign({&a, &b, &c});
  // "a" goes; a newcomer sorted before "b" must not move "b" or "c".
  auto newcomer = gateway("aa");
  auto assigned = addresses.assign({&newcomer, &b, &c});
  EXPECT_EQ(assigned.at("infra/b"), "10.0.0.2");
  EXPECT_EQ(assigned.at("infra/c"), "10.0.0.3");
  EXPECT_EQ(assigned.at("infra/aa"), "10.0.0.1");
}

TEST(GatewayAddressPool, HonoursAFreeRequestedAddressAndLetsAGatewayMove) {
  GatewayAddressPool addresses = pool("127.2.0.0/24");
  auto a = gateway("a"), b = gateway("b", "127.2.0.9");
  auto assigned = addresses.assign({&a, &b});
  EXPECT_EQ(assigned.at("infra/a"), "127.2.0.1");
  EXPECT_EQ(assigned.at("infra/b"), "127.2.0.9");
  // "a" now asks for 127.2.0.20: it moves and its old address is free again.
  auto moved = gateway("a", "127.2.0.20"), c = gateway("c");
  assigned = addresses.assign({&moved, &b, &c});
  EXPECT_EQ(assigned.at("infra/a"), "127.2.0.20");
  EXPECT_EQ(assigned.at("infra/c"), "127.2.0.1");
}

TEST(GatewayAddressPool, ARequestForATakenOrOutsideAddressFallsBackToAFreeOne) {
  GatewayAddressPool addresses = pool("127.2.0.0/24");
  auto a = gateway("a", "127.2.0.5"), b = gateway("b", "127.2.0.5"), c = gateway("c", "10.9.9.9");
  auto assigned = addresses.assign({&a, &b, &c});
  EXPECT_EQ(assigned.at("infra/a"), "127.2.0.5");
  EXPECT_EQ(assigned.at("infra/b"), "127.2.0.1");
  EXPECT_EQ(assigned.at("infra/c"), "127.2.0.2");
}

TEST(GatewayAddressPool, AFullBlockLeavesLateGatewaysWithoutAnAddress) {
  GatewayAddressPool addresses = pool("127.2.0.4/31");
  auto a = gateway("a"), b = gateway("b"), c = gateway("c");
  auto assigned = addresses.assign({&a, &b, &c});
  EXPECT_EQ(assigned.size(), 2u);
  EXPECT_EQ(assigned.at("infra/a"), "127.2.0.4");
  EXPECT_EQ(assigned.at("infra/b"), "127.2.0.5");
  EXPECT_EQ(assigned.count("infra/c"), 0u);
}

}  // namespace
}  // namespace lintel::controller
