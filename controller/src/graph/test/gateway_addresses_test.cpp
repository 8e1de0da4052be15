#include "graph/gateway_addresses.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

namespace lintel::controller::graph {
namespace {

gateway::v1::Gateway with_addresses(const std::string& addresses) {
  gateway::v1::Gateway gateway;
  EXPECT_TRUE(
      google::protobuf::TextFormat::ParseFromString("spec { " + addresses + " }", &gateway));
  return gateway;
}

TEST(GatewayAddresses, WithoutSpecAddressesEveryAddressIsBound) {
  GatewayAddresses checked =
      check_gateway_addresses(with_addresses(""), {"192.0.2.1", "2001:db8::1"});
  EXPECT_EQ(checked.bound, (std::vector<std::string>{"192.0.2.1", "2001:db8::1"}));
  EXPECT_FALSE(checked.unsupported);
  EXPECT_FALSE(checked.not_usable);
}

TEST(GatewayAddresses, RequestedAddressesAreBoundAlone) {
  GatewayAddresses checked = check_gateway_addresses(
      with_addresses(R"(addresses { type: "IPAddress" value: "2001:db8::1" })"),
      {"192.0.2.1", "2001:db8::1"});
  EXPECT_EQ(checked.bound, (std::vector<std::string>{"2001:db8::1"}));
}

TEST(GatewayAddresses, AnEmptyValueWithNothingToAssign) {
  GatewayAddresses checked =
      check_gateway_addresses(with_addresses(R"(addresses { type: "IPAddress" })"), {});
  ASSERT_TRUE(checked.not_usable);
  EXPECT_EQ(checked.not_usable->reason, "AddressNotAssigned");
  EXPECT_TRUE(checked.bound.empty());
}

TEST(GatewayAddresses, NamedAddressesAreUnsupported) {
  GatewayAddresses checked = check_gateway_addresses(
      with_addresses(R"(addresses { type: "NamedAddress" value: "pool-a" })"), {"192.0.2.1"});
  ASSERT_TRUE(checked.unsupported);
  EXPECT_EQ(checked.unsupported->reason, "UnsupportedAddress");
}

}  // namespace
}  // namespace lintel::controller::graph
