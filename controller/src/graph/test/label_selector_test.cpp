#include "graph/label_selector.h"

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

namespace lintel::controller::graph {
namespace {

bool matches(const std::string& selector_text, const std::map<std::string, std::string>& labels) {
  meta::v1::LabelSelector selector;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(selector_text, &selector));
  return selector_matches(selector, labels);
}

const std::map<std::string, std::string> kLabels = {{"team", "a"}, {"env", "prod"}};

TEST(LabelSelector, EmptySelectsEverything) {
  EXPECT_TRUE(matches("", kLabels));
}

TEST(LabelSelector, MatchLabels) {
  EXPECT_TRUE(matches(R"(match_labels { key: "team" value: "a" })", kLabels));
  EXPECT_FALSE(matches(R"(match_labels { key: "team" value: "b" })", kLabels));
  EXPECT_FALSE(matches(R"(match_labels { key: "tier" value: "a" })", kLabels));
}

TEST(LabelSelector, Expressions) {
  EXPECT_TRUE(matches(R"(match_expressions { key: "env" operator: "In" values: ["dev", "prod"] })",
                      kLabels));
  EXPECT_FALSE(
      matches(R"(match_expressions { key: "env" operator: "In" values: ["dev"] })", kLabels));
  EXPECT_FALSE(
      matches(R"(match_expressions { key: "tier" operator: "In" values: ["a"] })", kLabels));
  EXPECT_TRUE(
      matches(R"(match_expressions { key: "env" operator: "NotIn" values: ["dev"] })", kLabels));
  EXPECT_TRUE(
      matches(R"(match_expressions { key: "tier" operator: "NotIn" values: ["a"] })", kLabels));
  EXPECT_FALSE(
      matches(R"(match_expressions { key: "env" operator: "NotIn" values: ["prod"] })", kLabels));
  EXPECT_TRUE(matches(R"(match_expressions { key: "team" operator: "Exists" })", kLabels));
  EXPECT_FALSE(matches(R"(match_expressions { key: "tier" operator: "Exists" })", kLabels));
  EXPECT_TRUE(matches(R"(match_expressions { key: "tier" operator: "DoesNotExist" })", kLabels));
  EXPECT_FALSE(matches(R"(match_expressions { key: "team" operator: "DoesNotExist" })", kLabels));
  EXPECT_FALSE(
      matches(R"(match_expressions { key: "team" operator: "Gt" values: ["1"] })", kLabels));
}

TEST(LabelSelector, EveryPartMustHold) {
  EXPECT_FALSE(matches(R"(match_labels { key: "team" value: "a" }
                          match_expressions { key: "env" operator: "In" values: ["dev"] })",
                       kLabels));
}

}  // namespace
}  // namespace lintel::controller::graph
