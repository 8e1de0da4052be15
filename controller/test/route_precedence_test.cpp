#include "route_precedence.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace lintel::controller {
namespace {

namespace gv1 = gateway::v1;

gv1::HTTPRouteMatch path(const std::string& type, const std::string& value) {
  gv1::HTTPRouteMatch match;
  match.mutable_path()->set_type(type);
  match.mutable_path()->set_value(value);
  return match;
}

gv1::HTTPRoute route(const std::string& name, const std::string& created = "") {
  gv1::HTTPRoute out;
  out.mutable_metadata()->set_name(name);
  out.mutable_metadata()->set_namespace_("ns");
  if (!created.empty()) out.mutable_metadata()->set_creation_timestamp(created);
  return out;
}

void add_header(gv1::HTTPRouteMatch& match, const std::string& name, const std::string& value) {
  auto* header = match.add_headers();
  header->set_type("Exact");
  header->set_name(name);
  header->set_value(value);
}

TEST(RoutePrecedence, FollowsTheGatewayApiOrder) {
  gv1::HTTPRoute older = route("a");
  gv1::HTTPRoute newer = route("b");

  auto exact = path("Exact", "/x");
  auto long_prefix = path("PathPrefix", "/x/y");
  auto short_prefix = path("PathPrefix", "/x");
  auto short_prefix_trailing_slash = path("PathPrefix", "/x/");
  auto with_method = short_prefix;
  with_method.set_method("GET");
  auto two_headers = short_prefix;
  add_header(two_headers, "a", "1");
  add_header(two_headers, "b", "2");
  auto one_header = short_prefix;
  add_header(one_header, "a", "1");
  auto one_query = short_prefix;
  auto* query = one_query.add_query_params();
  query->set_type("Exact");
  query->set_name("q");
  query->set_value("1");
  auto regex = path("RegularExpression", "/x/.*/long");

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
  gv1::HTTPRoute undated = route("a");
  gv1::HTTPRoute newer = route("b", "2026-11-25T10:00:00Z");
  gv1::HTTPRoute older = route("c", "2025-01-01T00:00:00Z");
  auto match = path("PathPrefix", "/");
  std::vector<RouteMatchRef> refs = {
      {&undated, 0, 0, &match}, {&newer, 0, 0, &match}, {&older, 0, 0, &match}};
  std::stable_sort(refs.begin(), refs.end(), takes_precedence);
  EXPECT_EQ(refs[0].route, &older);
  EXPECT_EQ(refs[1].route, &newer);
  EXPECT_EQ(refs[2].route, &undated);
}

}  // namespace
}  // namespace lintel::controller
