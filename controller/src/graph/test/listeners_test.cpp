// Listener rules that validation keeps out of decoded manifests (the CRD's CEL rejects a second
// listener with the same port, protocol and hostname, and Passthrough on HTTPS), checked on
// objects built directly, as a client that skips validation could still store them.
#include <gtest/gtest.h>

#include "graph/graph.h"
#include "text_format.h"

namespace lintel::controller::graph {
namespace {

const meta::v1::Condition* find(const gw::ListenerStatus& status, const std::string& type) {
  for (const auto& condition : status.conditions())
    if (condition.type() == type) return &condition;
  return nullptr;
}

struct Built {
  gw::GatewayClass gateway_class = parse<gw::GatewayClass>(
      R"(metadata { name: "lintel" } spec { controller_name: "lintel.io/gateway-controller" })");
  gw::Gateway gateway;
  Graph graph;

  explicit Built(const std::string& gateway_text) : gateway(parse<gw::Gateway>(gateway_text)) {
    GraphInput input;
    input.gateway_classes = {&gateway_class};
    input.gateways = {&gateway};
    graph = build_graph(input, GraphOptions{});
  }
  const gw::ListenerStatus& listener(int i) const {
    return graph.gateways.at(0).status.listeners(i);
  }
};

TEST(Listeners, SamePortProtocolAndHostnameConflict) {
  Built built(R"(
    metadata { name: "gw" namespace: "default" generation: 2 }
    spec {
      gateway_class_name: "lintel"
      listeners { name: "a" port: 80 protocol: "HTTP" hostname: "example.com" }
      listeners { name: "b" port: 80 protocol: "HTTP" hostname: "example.com" }
      listeners { name: "c" port: 80 protocol: "HTTP" hostname: "other.example.com" }
    })");
  for (int i : {0, 1}) {
    const auto* conflicted = find(built.listener(i), "Conflicted");
    ASSERT_NE(conflicted, nullptr);
    EXPECT_EQ(conflicted->status(), "True");
    EXPECT_EQ(conflicted->reason(), "HostnameConflict");
    EXPECT_EQ(find(built.listener(i), "Accepted")->reason(), "HostnameConflict");
    EXPECT_EQ(find(built.listener(i), "Programmed")->status(), "False");
    EXPECT_EQ(conflicted->observed_generation(), 2);
  }
  EXPECT_EQ(find(built.listener(2), "Conflicted")->reason(), "NoConflicts");
  EXPECT_TRUE(built.graph.gateways[0].listeners[2].programmed);
}

TEST(Listeners, PassthroughOnHttpsIsUnsupported) {
  Built built(R"(
    metadata { name: "gw" namespace: "default" }
    spec {
      gateway_class_name: "lintel"
      listeners { name: "tls" port: 443 protocol: "HTTPS" tls { mode: "Passthrough" } }
    })");
  const auto* accepted = find(built.listener(0), "Accepted");
  EXPECT_EQ(accepted->status(), "False");
  EXPECT_EQ(accepted->reason(), "UnsupportedValue");
  EXPECT_FALSE(built.graph.gateways[0].accepted);
}

}  // namespace
}  // namespace lintel::controller::graph
