// The reconciler builds the graph every reconcile and hands it out with the outcome, owning what
// it points into; the graph's status claims no more than the data plane serves.
#include "lintel/controller/reconciler.h"

#include <gtest/gtest.h>

#include "temp_folder.h"

namespace lintel::controller {
namespace {

constexpr const char* kManifests = R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: v1
kind: Secret
metadata: {name: certificate}
type: kubernetes.io/tls
data:
  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJ1VENDQVY2Z0F3SUJBZ0lVZXM4ZjNpNGZrTVdLZlZQUDFLRW9Za2xkS2Ewd0NnWUlLb1pJemowRUF3SXcKSFRFYk1Ca0dBMVVFQXd3U2JHbHVkR1ZzSUdkdmJHUmxiaUIwWlhOME1DQVhEVEkyTVRFeU5URTFOVEUwTjFvWQpEekl4TWpZeE1UQXhNVFUxTVRRM1dqQWRNUnN3R1FZRFZRUUREQkpzYVc1MFpXd2daMjlzWkdWdUlIUmxjM1F3CldUQVRCZ2NxaGtqT1BRSUJCZ2dxaGtqT1BRTUJCd05DQUFUM0RVbnFWbDVUcTJBb3dPOUR0VzZxOXlTL29la2kKR0IzQkp5WElOaTA5elRoL29sTjkvSkFDNmVaYWRrK3o1d3JsbXBJZmdpMGh1RUFuNHFZTzkvamZvM293ZURBZApCZ05WSFE0RUZnUVU0RGVIL3VLbWVXRFRkQnJkMDFlZkdLYW5MUGN3SHdZRFZSMGpCQmd3Rm9BVTREZUgvdUttCmVXRFRkQnJkMDFlZkdLYW5MUGN3RHdZRFZSMFRBUUgvQkFVd0F3RUIvekFsQmdOVkhSRUVIakFjZ2d0bGVHRnQKY0d4bExtTnZiWUlOS2k1bGVHRnRjR3hsTG1OdmJUQUtCZ2dxaGtqT1BRUURBZ05KQURCR0FpRUEyaFlURXpBaApESnVqeGpQMDdzVC9iZXBuSWF0clJmbCtvbkwxbExrYjBHTUNJUURHWExRTEN3SnZSMzNBbHlyd1pId3dRMXZDCm5QVFZwWEd5dHFrTWZqUzV2QT09Ci0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEJHMHdhd0lCQVFRZ2MvMVRvUmFXMFMxVEt0UEoKWTRVaTRlTUVWdWRGSEc2U0FqUlhQQU1xSndPaFJBTkNBQVQzRFVucVZsNVRxMkFvd085RHRXNnE5eVMvb2VraQpHQjNCSnlYSU5pMDl6VGgvb2xOOS9KQUM2ZVphZGsrejV3cmxtcElmZ2kwaHVFQW40cVlPOS9qZgotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg==
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web}
spec:
  gatewayClassName: lintel
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - name: https
    port: 443
    protocol: HTTPS
    tls: {certificateRefs: [{name: certificate}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: tls-only}
spec:
  gatewayClassName: lintel
  allowedListeners: {namespaces: {from: Same}}
  listeners:
  - name: https
    port: 8443
    protocol: HTTPS
    tls: {certificateRefs: [{name: certificate}]}
---
apiVersion: v1
kind: Service
metadata: {name: app}
spec:
  ports: [{name: http, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app}
spec:
  parentRefs: [{name: web}]
  rules: [{backendRefs: [{name: app, port: 80}]}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: legacy}
spec:
  ingressClassName: lintel
  rules:
  - host: legacy.example.com
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]
)";

const meta::v1::Condition* condition(
    const google::protobuf::RepeatedPtrField<meta::v1::Condition>& all, const std::string& type) {
  for (const auto& c : all)
    if (c.type() == type) return &c;
  return nullptr;
}

const graph::GatewayNode& gateway_named(const graph::Graph& graph, const std::string& name) {
  for (const auto& node : graph.gateways)
    if (node.gateway->metadata().name() == name) return node;
  ADD_FAILURE() << "no Gateway " << name;
  return graph.gateways.front();
}

ReconcileOutcome reconcile_once(const std::string& manifests) {
  TempFolder folder;
  folder.write("all.yaml", manifests);
  StandaloneOptions options;
  options.manifest_paths = {folder.path()};
  StandaloneController controller(options, [](auto, std::string&) { return true; });
  return controller.reconcile();
}

TEST(Reconciler, HandsOutTheGraphWithTheObjectsItPointsInto) {
  ReconcileOutcome outcome = reconcile_once(kManifests);
  ASSERT_TRUE(outcome.published) << outcome.publish_error;
  ASSERT_TRUE(outcome.graph);
  // The folder and the controller are gone; the graph's objects are still there.
  const graph::Graph& graph = outcome.graph->graph();
  ASSERT_EQ(graph.http_routes.size(), 2u);
  EXPECT_EQ(graph.http_routes[0].route->metadata().name(), "app");
  EXPECT_EQ(graph.http_routes[1].route->metadata().name(), "legacy-legacy-example-com");
  ASSERT_EQ(outcome.graph->converted().http_routes.size(), 1u);
  EXPECT_EQ(graph.http_routes[1].route, &outcome.graph->converted().http_routes[0]);
  EXPECT_EQ(outcome.graph->objects().size(), 7u);

  // The Ingress's converted Gateway beside the two native ones.
  ASSERT_EQ(graph.gateways.size(), 3u);
  const graph::GatewayNode& web = gateway_named(graph, "web");
  ASSERT_EQ(web.status.addresses_size(), 1);
  EXPECT_EQ(web.status.addresses(0).value(), "127.0.0.1");
}

TEST(Reconciler, HttpsListenersWithAKeyPairAreProgrammed) {
  ReconcileOutcome outcome = reconcile_once(kManifests);
  ASSERT_TRUE(outcome.graph);
  const graph::GatewayNode& tls_only = gateway_named(outcome.graph->graph(), "tls-only");
  EXPECT_TRUE(tls_only.programmed);
  EXPECT_EQ(condition(tls_only.status.conditions(), "Programmed")->reason(), "Programmed");

  const graph::GatewayNode& web = gateway_named(outcome.graph->graph(), "web");
  EXPECT_TRUE(web.programmed);
  EXPECT_TRUE(web.listeners[0].programmed);
  EXPECT_TRUE(web.listeners[1].programmed);
  const auto& https = web.status.listeners(1).conditions();
  EXPECT_EQ(condition(https, "Accepted")->status(), "True");
  EXPECT_EQ(condition(https, "Programmed")->status(), "True");
  EXPECT_EQ(web.status.listeners(1).attached_routes(), 1);
  EXPECT_EQ(outcome.unsupported, std::vector<std::string>{});
}

TEST(Reconciler, AGatewayIsProgrammedWhileOneOfItsListenerSetsIsServed) {
  ReconcileOutcome outcome = reconcile_once(std::string(kManifests) + R"(
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: extra}
spec:
  parentRef: {name: tls-only}
  listeners:
  - {name: http, port: 8080, protocol: HTTP}
  - {name: https, port: 9443, protocol: HTTPS, tls: {certificateRefs: [{name: certificate}]}}
)");
  ASSERT_TRUE(outcome.graph);
  const graph::Graph& graph = outcome.graph->graph();
  const graph::GatewayNode& tls_only = gateway_named(graph, "tls-only");
  EXPECT_TRUE(tls_only.programmed);
  EXPECT_EQ(condition(tls_only.status.conditions(), "Programmed")->status(), "True");
  ASSERT_EQ(graph.listener_sets.size(), 1u);
  const graph::ListenerSetNode& extra = graph.listener_sets[0];
  EXPECT_TRUE(extra.programmed);
  EXPECT_TRUE(extra.listeners[0].programmed);
  // HTTPS is served too: a ListenerSet's HTTPS listener is programmed like a Gateway's.
  EXPECT_TRUE(extra.listeners[1].programmed);
  EXPECT_EQ(condition(extra.status.listeners(1).conditions(), "Programmed")->reason(),
            "Programmed");
}

TEST(Reconciler, GatewaysWithAddressesOfTheirOwnGetListenersOfTheirOwn) {
  TempFolder folder;
  folder.write("all.yaml", R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: one}
spec:
  gatewayClassName: lintel
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: two}
spec:
  gatewayClassName: lintel
  addresses: [{value: 127.9.0.2}]
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: three}
spec:
  gatewayClassName: lintel
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: other-class}
spec:
  gatewayClassName: someone-else
  listeners: [{name: http, port: 80, protocol: HTTP}]
)");
  StandaloneOptions options;
  options.manifest_paths = {folder.path()};
  options.gateway_addresses = "127.9.0.0/30";
  options.translator.address_per_gateway = true;
  StandaloneController controller(options, [](auto, std::string&) { return true; });
  ReconcileOutcome outcome = controller.reconcile();
  ASSERT_TRUE(outcome.published) << outcome.publish_error;
  const graph::Graph& graph = outcome.graph->graph();
  EXPECT_EQ(gateway_named(graph, "one").status.addresses(0).value(), "127.9.0.1");
  EXPECT_EQ(gateway_named(graph, "two").status.addresses(0).value(), "127.9.0.2");
  // A /30 has two addresses for Gateways; the third finds none.
  const graph::GatewayNode& three = gateway_named(graph, "three");
  EXPECT_EQ(three.status.addresses_size(), 0);
  EXPECT_EQ(condition(three.status.conditions(), "Programmed")->reason(), "AddressNotAssigned");
  const auto snapshot = controller.current();
  ASSERT_EQ(snapshot->listeners_size(), 2);
  EXPECT_EQ(snapshot->listeners(0).address(), "127.9.0.1");
  EXPECT_EQ(snapshot->listeners(0).name(), "default/one/http");
  EXPECT_EQ(snapshot->listeners(1).address(), "127.9.0.2");
  EXPECT_EQ(snapshot->listeners(1).name(), "default/two/http");
}

TEST(Reconciler, RefusesAnAddressBlockItCannotUse) {
  StandaloneOptions options;
  options.gateway_addresses = "127.9.0.0/8";
  EXPECT_THROW(StandaloneController(options, [](auto, std::string&) { return true; }),
               std::invalid_argument);
}

}  // namespace
}  // namespace lintel::controller
