// The status writer keeps each object's status across reconciles: transition times move only
// when a condition's status does, observedGeneration follows the spec, gone objects are dropped.
#include "lintel/controller/status_writer.h"

#include <gtest/gtest.h>

#include "lintel/api/decode.h"
#include "lintel/api/encode.h"
#include "lintel/controller/generations.h"

namespace lintel::controller {
namespace {

constexpr const char* kObjects = R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web}
spec:
  gatewayClassName: lintel
  allowedListeners: {namespaces: {from: Same}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: v1
kind: Service
metadata: {name: app}
spec: {ports: [{port: 80}]}
)";

std::string route_to(const std::string& service) {
  return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: "
         "app}\nspec:\n  parentRefs: [{name: web}]\n  rules: [{backendRefs: [{name: " +
         service + ", port: 80}]}]\n";
}

class StatusWriterTest : public ::testing::Test {
 protected:
  // Decodes `text` as the manifest folder would give it and feeds one reconcile's graph.
  StatusChanges reconcile(const std::string& text, std::string_view now) {
    api::DecodeResult decoded = api::decode_manifests(text, "test.yaml");
    EXPECT_TRUE(decoded.errors.empty()) << decoded.errors[0].to_string();
    std::vector<ObjectPtr> objects;
    for (auto& object : decoded.objects)
      objects.push_back(std::make_shared<const api::Object>(std::move(object.object)));
    clock_ = std::string(now);
    ReconciledGraph graph(generations_.assign(std::move(objects)), {}, graph::GraphOptions{});
    return writer_.update(graph, now);
  }

  const meta::v1::Condition& condition(const api::ObjectKey& key, const std::string& type) {
    const ObjectStatus& status = writer_.objects().at(key);
    const auto* route = std::get_if<gateway::v1::RouteStatus>(&status.status);
    const auto* conditions =
        route ? &route->parents(0).conditions()
              : &std::get<gateway::v1::GatewayStatus>(status.status).conditions();
    for (const auto& condition : *conditions) {
      if (condition.type() == type) return condition;
    }
    ADD_FAILURE() << "no " << type << " condition";
    static meta::v1::Condition none;
    return none;
  }

  // The clock the API-server stand-in stamps creationTimestamps with: each reconcile's time.
  std::string clock_;
  Generations generations_{[this] { return clock_; }};
  StatusWriter writer_{"lintel.io/gateway-controller"};
};

const api::ObjectKey kGateway{"gateway.networking.k8s.io", "Gateway", "default", "web"};
const api::ObjectKey kRoute{"gateway.networking.k8s.io", "HTTPRoute", "default", "app"};
const api::ObjectKey kClass{"gateway.networking.k8s.io", "GatewayClass", "", "lintel"};

std::vector<api::ObjectKey> keys(std::initializer_list<api::ObjectKey> list) {
  return list;
}

TEST_F(StatusWriterTest, FirstReconcileWritesEveryObject) {
  StatusChanges changes =
      reconcile(std::string(kObjects) + route_to("app"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(changes.changed, keys({kClass, kGateway, kRoute}));
  EXPECT_TRUE(changes.removed.empty());
  const auto& accepted = condition(kGateway, "Accepted");
  EXPECT_EQ(accepted.status(), "True");
  EXPECT_EQ(accepted.last_transition_time(), "2026-01-01T00:00:00Z");
  EXPECT_EQ(accepted.observed_generation(), 1);
  EXPECT_EQ(condition(kRoute, "ResolvedRefs").status(), "True");
  EXPECT_EQ(writer_.objects().at(kRoute).generation(), 1);
}

TEST_F(StatusWriterTest, NothingChangesWhenNothingDid) {
  reconcile(std::string(kObjects) + route_to("app"), "2026-01-01T00:00:00Z");
  StatusChanges changes =
      reconcile(std::string(kObjects) + route_to("app"), "2026-01-01T00:05:00Z");
  EXPECT_TRUE(changes.changed.empty());
  EXPECT_TRUE(changes.removed.empty());
  EXPECT_EQ(condition(kGateway, "Programmed").last_transition_time(), "2026-01-01T00:00:00Z");
  EXPECT_EQ(condition(kRoute, "Accepted").last_transition_time(), "2026-01-01T00:00:00Z");
}

TEST_F(StatusWriterTest, TransitionTimeMovesWithTheStatusOnly) {
  reconcile(std::string(kObjects) + route_to("app"), "2026-01-01T00:00:00Z");
  StatusChanges changes =
      reconcile(std::string(kObjects) + route_to("missing"), "2026-01-01T00:05:00Z");
  EXPECT_EQ(changes.changed, keys({kRoute}));
  const auto& resolved = condition(kRoute, "ResolvedRefs");
  EXPECT_EQ(resolved.status(), "False");
  EXPECT_EQ(resolved.reason(), "BackendNotFound");
  EXPECT_EQ(resolved.last_transition_time(), "2026-01-01T00:05:00Z");
  EXPECT_EQ(resolved.observed_generation(), 2);
  const auto& accepted = condition(kRoute, "Accepted");
  EXPECT_EQ(accepted.status(), "True");
  EXPECT_EQ(accepted.last_transition_time(), "2026-01-01T00:00:00Z");
  EXPECT_EQ(accepted.observed_generation(), 2) << "observedGeneration follows the spec";
  EXPECT_EQ(writer_.objects().at(kRoute).generation(), 2);
}

TEST_F(StatusWriterTest, GoneObjectsAreDropped) {
  reconcile(std::string(kObjects) + route_to("app"), "2026-01-01T00:00:00Z");
  StatusChanges changes = reconcile(kObjects, "2026-01-01T00:05:00Z");
  EXPECT_EQ(changes.removed, keys({kRoute}));
  EXPECT_EQ(changes.changed, keys({kGateway})) << "its listener has one route fewer";
  EXPECT_FALSE(writer_.objects().count(kRoute));
}

TEST_F(StatusWriterTest, ObjectWithStatusCarriesWhatAClientReads) {
  reconcile(std::string(kObjects) + route_to("app"), "2026-01-01T00:00:00Z");
  reconcile(std::string(kObjects) + route_to("app"), "2026-01-01T00:05:00Z");
  auto full = object_with_status(writer_.objects().at(kGateway), true);
  std::string yaml = api::encode_yaml(*full);
  EXPECT_NE(yaml.find("kind: Gateway\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("  generation: 1\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("  creationTimestamp: 2026-01-01T00:00:00Z\n"), std::string::npos)
      << "first seen, when the manifest does not say: " << yaml;
  EXPECT_NE(yaml.find("gatewayClassName: lintel"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("lastTransitionTime"), std::string::npos) << yaml;
  std::string without_spec =
      api::encode_yaml(*object_with_status(writer_.objects().at(kGateway), false));
  EXPECT_EQ(without_spec.find("gatewayClassName"), std::string::npos) << without_spec;
}

TEST_F(StatusWriterTest, ListenerSetsGetTheirStatusAndKeepTransitionTimes) {
  const std::string objects = std::string(kObjects) + R"(
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: {name: extra}
spec:
  parentRef: {name: web}
  listeners: [{name: extra, port: 8080, protocol: HTTP}]
)";
  const api::ObjectKey set{"gateway.networking.k8s.io", "ListenerSet", "default", "extra"};
  reconcile(objects, "2026-01-01T00:00:00Z");
  StatusChanges changes = reconcile(objects, "2026-01-01T00:05:00Z");
  EXPECT_TRUE(changes.changed.empty());
  const auto& status = std::get<gateway::v1::ListenerSetStatus>(writer_.objects().at(set).status);
  ASSERT_EQ(status.conditions_size(), 2);
  EXPECT_EQ(status.conditions(0).type(), "Accepted");
  EXPECT_EQ(status.conditions(0).status(), "True");
  EXPECT_EQ(status.conditions(0).last_transition_time(), "2026-01-01T00:00:00Z");
  ASSERT_EQ(status.listeners_size(), 1);
  EXPECT_EQ(status.listeners(0).conditions(0).last_transition_time(), "2026-01-01T00:00:00Z");
  const auto& gateway = std::get<gateway::v1::GatewayStatus>(writer_.objects().at(kGateway).status);
  EXPECT_EQ(gateway.attached_listener_sets(), 1);
}

TEST(Rfc3339, SecondsInUtc) {
  EXPECT_EQ(rfc3339_utc(std::chrono::system_clock::from_time_t(1767225600)),
            "2026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace lintel::controller
