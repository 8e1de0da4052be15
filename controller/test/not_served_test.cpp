#include "lintel/controller/not_served.h"

#include <gtest/gtest.h>

#include "lintel/api/decode.h"

namespace lintel::controller {
namespace {

using Lines = std::vector<std::string>;

template <typename T>
Lines not_served_in(const std::string& manifest) {
  auto decoded = api::decode_manifests(manifest, "test.yaml");
  EXPECT_TRUE(decoded.errors.empty()) << decoded.errors[0].to_string();
  EXPECT_EQ(decoded.objects.size(), 1u);
  const auto& object = std::get<api::SchemaObject>(decoded.objects.at(0).object);
  return not_served(*object.as<T>());
}

TEST(NotServed, NamesEveryHTTPRouteFieldTheTranslatorIgnores) {
  auto lines = not_served_in<gateway::v1::HTTPRoute>(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: alpaca, namespace: zoo}
spec:
  rules:
  - backendRefs: [{name: web, port: 80}]
  - filters: [{type: RequestHeaderModifier, requestHeaderModifier: {remove: [x-a]}}]
    timeouts: {request: 10s}
    backendRefs:
    - name: web
      port: 80
      filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {remove: [x-b]}}]
)");
  EXPECT_EQ(lines, (Lines{"HTTPRoute zoo/alpaca spec.rules[1].filters: RequestHeaderModifier",
                          "HTTPRoute zoo/alpaca spec.rules[1].timeouts",
                          "HTTPRoute zoo/alpaca spec.rules[1].backendRefs.filters: "
                          "ResponseHeaderModifier"}));
}

TEST(NotServed, NamesEveryGatewayFieldTheTranslatorIgnores) {
  auto lines = not_served_in<gateway::v1::Gateway>(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: lintel
  addresses: [{value: 10.0.0.1}]
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - name: picky
    port: 81
    protocol: HTTP
    allowedRoutes:
      namespaces: {from: Selector, selector: {matchLabels: {team: a}}}
      kinds: [{kind: HTTPRoute}]
)");
  EXPECT_EQ(lines, (Lines{"Gateway default/gw listener picky: allowedRoutes from Selector",
                          "Gateway default/gw listener picky: allowedRoutes.kinds",
                          "Gateway default/gw spec.addresses"}));
}

TEST(NotServed, NothingForWhatIsServed) {
  EXPECT_TRUE(not_served_in<gateway::v1::HTTPRoute>(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: plain}
spec:
  parentRefs: [{name: gw}]
  rules: [{matches: [{path: {type: Exact, value: /a}}], backendRefs: [{name: web, port: 80}]}]
)")
                  .empty());
}

}  // namespace
}  // namespace lintel::controller
