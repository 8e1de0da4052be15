// Status written to the API server: once per changed object, through /status, retried on 409
// Conflict, given up with a clear message when the conflicts do not stop.
#include <gtest/gtest.h>

#include <chrono>

#include "kube/kubernetes_source.h"
#include "kube/status_publisher.h"
#include "lintel/controller/reconciler.h"
#include "lintel/controller/status_writer.h"
#include "test_api_server.h"

namespace lintel::controller::kube {
namespace {

using json = web::json::value;

const char* kGatewayClass = R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass",
  "metadata":{"name":"lintel"},"spec":{"controllerName":"lintel.io/gateway-controller"}})";

class StatusPublisherFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(server_.start(0, error)) << error;
    server_.apply("/apis/gateway.networking.k8s.io/v1/gatewayclasses", json::parse(kGatewayClass));
    ClusterAccess access;
    access.server = server_.url();
    source_ = std::make_shared<KubernetesSource>(access, ReflectorOptions{});
    ASSERT_TRUE(source_->wait_for_sync(std::chrono::seconds(10)));
    StandaloneOptions options;
    options.source = source_;
    controller_ =
        std::make_unique<StandaloneController>(options, [](auto, std::string&) { return true; });
  }
  void TearDown() override {
    controller_.reset();
    source_.reset();
    server_.stop();
  }
  std::vector<std::string> publish(StatusPublisher& publisher) {
    ReconcileOutcome outcome = controller_->reconcile();
    return publisher.publish(writer_, writer_.update(*outcome.graph, "2026-11-25T00:00:00Z"));
  }
  std::string accepted_status() {
    auto object = server_.get("/apis/gateway.networking.k8s.io/v1/gatewayclasses", "", "lintel");
    if (!object || !object->has_field("status")) return "";
    for (const auto& condition : object->at("status").at("conditions").as_array())
      if (condition.at("type").as_string() == "Accepted") return condition.at("status").as_string();
    return "";
  }

  test::TestApiServer server_;
  std::shared_ptr<KubernetesSource> source_;
  std::unique_ptr<StandaloneController> controller_;
  StatusWriter writer_{"lintel.io/gateway-controller"};
};

TEST_F(StatusPublisherFixture, RetriesAConflictWithTheFreshObject) {
  StatusPublisher publisher(source_->client(), "lintel.io/gateway-controller");
  server_.conflict_status_writes(2);
  EXPECT_TRUE(publish(publisher).empty());
  EXPECT_EQ(accepted_status(), "True");
  EXPECT_EQ(publisher.writes(), 1u);
  EXPECT_EQ(server_.status_writes(), 1u);
}

TEST_F(StatusPublisherFixture, WritesNothingWhenNothingChanged) {
  StatusPublisher publisher(source_->client(), "lintel.io/gateway-controller");
  EXPECT_TRUE(publish(publisher).empty());
  EXPECT_EQ(publisher.writes(), 1u);
  EXPECT_TRUE(publish(publisher).empty());
  EXPECT_EQ(publisher.writes(), 1u);
  EXPECT_EQ(server_.status_writes(), 1u);
}

TEST_F(StatusPublisherFixture, AWriteThatKeepsFailingIsRetriedInTheBackground) {
  StatusPublisher publisher(source_->client(), "lintel.io/gateway-controller");
  server_.conflict_status_writes(7);  // the first try's 5 attempts, then 2 more
  const auto failures = publish(publisher);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0],
            "GatewayClass lintel: PUT /apis/gateway.networking.k8s.io/v1/gatewayclasses/lintel/"
            "status: still 409 Conflict after 5 attempts");
  EXPECT_EQ(publisher.failing(), failures);
  ASSERT_TRUE(publisher.wait_idle(std::chrono::seconds(10)));
  EXPECT_EQ(accepted_status(), "True");
  EXPECT_TRUE(publisher.failing().empty());
  EXPECT_EQ(publisher.writes(), 1u);
}

}  // namespace
}  // namespace lintel::controller::kube
