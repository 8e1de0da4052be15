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
  parentRefs: [{name: gw}, {kind: Service, group: "", name: mesh}]
  rules:
  - backendRefs: [{name: web, port: 80}]
  - filters:
    - {type: CORS, cors: {allowOrigins: ["https://a.example.com"]}}
    - {type: ExtensionRef, extensionRef: {group: example.com, kind: Magic, name: m}}
    - type: RequestHeaderModifier
      requestHeaderModifier: {set: [{name: Transfer-Encoding, value: chunked}], remove: [x-a]}
    retry: {attempts: 2}
    backendRefs:
    - name: web
      port: 80
      filters:
      - {type: ResponseHeaderModifier, responseHeaderModifier: {remove: [x-b]}}
      - {type: RequestMirror, requestMirror: {backendRef: {name: web, port: 80}}}
)");
  EXPECT_EQ(lines,
            (Lines{"HTTPRoute zoo/alpaca spec.parentRefs[1]: parent kind Service",
                   "HTTPRoute zoo/alpaca spec.rules[1].filters[1]: ExtensionRef (the rule answers "
                   "500)",
                   "HTTPRoute zoo/alpaca spec.rules[1].filters[2].requestHeaderModifier.set[0] "
                   "Transfer-Encoding: frames the message or belongs to one hop; the proxy "
                   "manages it",
                   "HTTPRoute zoo/alpaca spec.rules[1].backendRefs[0].filters[1]: RequestMirror"}));
}

TEST(NotServed, NamesTheListenersTheDataPlaneDoesNotServe) {
  auto lines = not_served_in<gateway::v1::Gateway>(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: lintel
  addresses: [{value: 10.0.0.1}]
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - name: https
    port: 443
    protocol: HTTPS
    tls: {certificateRefs: [{name: certificate}]}
  - {name: tcp, port: 9000, protocol: TCP}
  - name: picky
    port: 81
    protocol: HTTP
    allowedRoutes:
      namespaces: {from: Selector, selector: {matchLabels: {team: a}}}
      kinds: [{kind: HTTPRoute}]
)");
  EXPECT_EQ(lines, (Lines{"Gateway default/gw listener tcp: protocol TCP"}));
}

TEST(NotServed, NamesTheListenerSetListenersTheDataPlaneDoesNotServe) {
  auto lines = not_served_in<gateway::v1::ListenerSet>(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: team, namespace: zoo}
spec:
  parentRef: {name: gw}
  listeners:
  - {name: http, port: 8080, protocol: HTTP}
  - {name: tcp, port: 9000, protocol: TCP}
)");
  EXPECT_EQ(lines, (Lines{"ListenerSet zoo/team listener tcp: protocol TCP"}));
}

TEST(NotServed, NamesKindsLintelDoesNotServe) {
  auto decoded = api::decode_manifests(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: grpc, namespace: zoo}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: grant, namespace: zoo}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: other}]
  to: [{group: "", kind: Service}]
)",
                                       "test.yaml");
  ASSERT_TRUE(decoded.errors.empty()) << decoded.errors[0].to_string();
  ASSERT_EQ(decoded.objects.size(), 2u);
  EXPECT_EQ(not_served(std::get<api::SchemaObject>(decoded.objects[0].object)),
            (Lines{"GRPCRoute zoo/grpc: the kind is not served"}));
  EXPECT_TRUE(not_served(std::get<api::SchemaObject>(decoded.objects[1].object)).empty());
}

TEST(NotServed, NothingForWhatIsServed) {
  EXPECT_TRUE(not_served_in<gateway::v1::HTTPRoute>(R"(
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: plain}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /a}}]
    filters:
    - {type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: x-a, value: "1"}]}}
    - {type: ResponseHeaderModifier, responseHeaderModifier: {remove: [server]}}
    - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /b}}}
    - {type: RequestMirror, requestMirror: {backendRef: {name: shadow, port: 80}}}
    timeouts: {request: 10s}
    backendRefs:
    - name: web
      port: 80
      filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-b, value: "2"}]}}]
  - filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]
)")
                  .empty());
}

}  // namespace
}  // namespace lintel::controller
