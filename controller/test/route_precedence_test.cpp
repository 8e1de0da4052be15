#include "route_precedence.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace lintel::controller {
namespace {

api::HTTPRouteMatch path(api::PathMatchType type, std::string value) {
  api::HTTPRouteMatch match;
  match.path = {type, std::move(value)};
  return match;
}

TEST(RoutePrecedence, FollowsTheGatewayApiOrder) {
  api::HTTPRoute older;
  older.metadata.name = "a";
  older.metadata.namespace_ = "ns";
  api::HTTPRoute newer;
  newer.metadata.name = "b";
  newer.metadata.namespace_ = "ns";

  auto exact = path(api::PathMatchType::kExact, "/x");
  auto long_prefix = path(api::PathMatchType::kPathPrefix, "/x/y");
  auto short_prefix = path(api::PathMatchType::kPathPrefix, "/x");
  auto short_prefix_trailing_slash = path(api::PathMatchType::kPathPrefix, "/x/");
  auto with_method = short_prefix;
  with_method.method = "GET";
  auto two_headers = short_prefix;
  two_headers.headers = {{api::StringMatchType::kExact, "a", "1"},
                         {api::StringMatchType::kExact, "b", "2"}};
  auto one_header = short_prefix;
  one_header.headers = {{api::StringMatchType::kExact, "a", "1"}};
  auto one_query = short_prefix;
  one_query.query_params = {{api::StringMatchType::kExact, "q", "1"}};
  auto regex = path(api::PathMatchType::kRegularExpression, "/x/.*/long");

  std::vector<RouteMatchRef> expected = {
      {&older, 0, 0, &exact},        {&older, 0, 0, &long_prefix},
      {&older, 0, 0, &with_method},  {&older, 0, 0, &two_headers},
      {&older, 0, 0, &one_header},   {&older, 0, 0, &one_query},
      {&older, 0, 0, &short_prefix}, {&newer, 0, 0, &short_prefix_trailing_slash},
      {&newer, 1, 0, &short_prefix}, {&newer, 1, 1, &short_prefix},
      {&older, 0, 0, &regex},
  };
  auto shuffled = expected;
  std::reverse(shuffled.begin(), shuffled.end());
  std::stable_sort(shuffled.begin(), shuffled.end(), takes_precedence);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(shuffled[i].match, expected[i].match) << "position " << i;
    EXPECT_EQ(shuffled[i].route, expected[i].route) << "position " << i;
    EXPECT_EQ(shuffled[i].rule_index, expected[i].rule_index) << "position " << i;
    EXPECT_EQ(shuffled[i].match_index, expected[i].match_index) << "position " << i;
  }
}

TEST(RoutePrecedence, TheOlderRouteWinsATieAndUndatedRoutesComeLast) {
  api::HTTPRoute undated, newer, older;
  undated.metadata.name = "a";
  newer.metadata.name = "b";
  newer.metadata.creation_timestamp = "2026-11-25T10:00:00Z";
  older.metadata.name = "c";
  older.metadata.creation_timestamp = "2025-01-01T00:00:00Z";
  auto match = path(api::PathMatchType::kPathPrefix, "/");
  std::vector<RouteMatchRef> refs = {
      {&undated, 0, 0, &match}, {&newer, 0, 0, &match}, {&older, 0, 0, &match}};
  std::stable_sort(refs.begin(), refs.end(), takes_precedence);
  EXPECT_EQ(refs[0].route, &older);
  EXPECT_EQ(refs[1].route, &newer);
  EXPECT_EQ(refs[2].route, &undated);
}

}  // namespace
}  // namespace lintel::controller
