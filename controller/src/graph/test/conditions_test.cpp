#include "graph/conditions.h"

#include <gtest/gtest.h>

#include "graph/status_merge.h"

namespace lintel::controller::graph {
namespace {

namespace gw = lintel::gateway::v1;

meta::v1::Condition stored(const std::string& type, const std::string& status,
                           const std::string& time, std::int64_t generation = 1) {
  meta::v1::Condition condition = make_condition(type, status == "True", "Reason", "", generation);
  condition.set_status(status);
  condition.set_last_transition_time(time);
  return condition;
}

Conditions list(std::initializer_list<meta::v1::Condition> conditions) {
  Conditions out;
  for (const auto& condition : conditions) *out.Add() = condition;
  return out;
}

constexpr const char* kNow = "2026-09-01T12:00:00Z";
constexpr const char* kBefore = "2026-08-01T08:00:00Z";

TEST(MergeConditions, KeepsTheTimeWhileTheStatusStays) {
  Conditions merged =
      merge_conditions(list({stored("Accepted", "True", kBefore)}),
                       list({make_condition("Accepted", true, "Accepted", "ok", 2)}), kNow);
  ASSERT_EQ(merged.size(), 1);
  EXPECT_EQ(merged[0].last_transition_time(), kBefore);
  EXPECT_EQ(merged[0].observed_generation(), 2);
  EXPECT_EQ(merged[0].reason(), "Accepted");
  EXPECT_EQ(merged[0].message(), "ok");
}

TEST(MergeConditions, TakesNowWhenTheStatusChanges) {
  Conditions merged =
      merge_conditions(list({stored("Accepted", "Unknown", "1970-01-01T00:00:00Z")}),
                       list({make_condition("Accepted", true, "Accepted", "", 1)}), kNow);
  EXPECT_EQ(merged[0].last_transition_time(), kNow);
  EXPECT_EQ(merged[0].status(), "True");
}

TEST(MergeConditions, NewTypesGetNowAndFollowTheKnownOnes) {
  Conditions merged = merge_conditions(
      list({stored("example.com/Custom", "True", kBefore), stored("Accepted", "True", kBefore)}),
      list({make_condition("Accepted", true, "Accepted", "", 1),
            make_condition("Programmed", true, "Programmed", "", 1)}),
      kNow);
  ASSERT_EQ(merged.size(), 3);
  EXPECT_EQ(merged[0].type(), "example.com/Custom");  // another controller's: untouched, in place
  EXPECT_EQ(merged[0].last_transition_time(), kBefore);
  EXPECT_EQ(merged[1].type(), "Accepted");
  EXPECT_EQ(merged[2].type(), "Programmed");
  EXPECT_EQ(merged[2].last_transition_time(), kNow);
}

TEST(MergeConditions, LeavesAConditionOfANewerGenerationAlone) {
  Conditions merged =
      merge_conditions(list({stored("Accepted", "False", kBefore, 5)}),
                       list({make_condition("Accepted", true, "Accepted", "", 4)}), kNow);
  EXPECT_EQ(merged[0].status(), "False");
  EXPECT_EQ(merged[0].observed_generation(), 5);
  EXPECT_EQ(merged[0].last_transition_time(), kBefore);
}

TEST(MergeRouteStatus, KeepsOtherControllersAndMatchesParentsByRef) {
  gw::RouteStatus previous;
  auto* theirs = previous.add_parents();
  theirs->set_controller_name("example.com/other");
  theirs->mutable_parent_ref()->set_name("their-gateway");
  *theirs->add_conditions() = stored("Accepted", "True", kBefore);
  auto* ours = previous.add_parents();
  ours->set_controller_name("lintel.io/gateway-controller");
  ours->mutable_parent_ref()->set_name("gw");
  *ours->add_conditions() = stored("Accepted", "True", kBefore);
  auto* gone = previous.add_parents();
  gone->set_controller_name("lintel.io/gateway-controller");
  gone->mutable_parent_ref()->set_name("removed");

  gw::RouteStatus next;
  auto* fresh = next.add_parents();
  fresh->set_controller_name("lintel.io/gateway-controller");
  fresh->mutable_parent_ref()->set_name("gw");
  *fresh->add_conditions() = make_condition("Accepted", true, "Accepted", "", 1);

  gw::RouteStatus merged = merge_route_status(previous, next, "lintel.io/gateway-controller", kNow);
  ASSERT_EQ(merged.parents_size(), 2);
  EXPECT_EQ(merged.parents(0).controller_name(), "example.com/other");
  EXPECT_EQ(merged.parents(1).parent_ref().name(), "gw");
  EXPECT_EQ(merged.parents(1).conditions(0).last_transition_time(), kBefore);
}

TEST(MergeGatewayStatus, MatchesListenersByName) {
  gw::GatewayStatus previous;
  auto* listener = previous.add_listeners();
  listener->set_name("http");
  *listener->add_conditions() = stored("Accepted", "True", kBefore);

  gw::GatewayStatus next;
  *next.add_conditions() = make_condition("Accepted", true, "Accepted", "", 1);
  auto* http = next.add_listeners();
  http->set_name("http");
  *http->add_conditions() = make_condition("Accepted", true, "Accepted", "", 1);
  auto* https = next.add_listeners();
  https->set_name("https");
  *https->add_conditions() = make_condition("Accepted", true, "Accepted", "", 1);

  gw::GatewayStatus merged = merge_gateway_status(previous, next, kNow);
  EXPECT_EQ(merged.conditions(0).last_transition_time(), kNow);
  EXPECT_EQ(merged.listeners(0).conditions(0).last_transition_time(), kBefore);
  EXPECT_EQ(merged.listeners(1).conditions(0).last_transition_time(), kNow);
}

}  // namespace
}  // namespace lintel::controller::graph
