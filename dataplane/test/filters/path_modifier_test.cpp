#include "filters/path_modifier.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <tuple>
#include <vector>

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

struct Row {
  const char* path;
  const char* prefix;
  const char* replacement;
  const char* expected;
};

// Gateway API's ReplacePrefixMatch table (HTTPPathModifier documentation), row by row.
TEST(ReplacePrefixMatch, FollowsTheSpecTable) {
  const std::vector<Row> rows = {
      {"/foo/bar", "/foo", "/xyz", "/xyz/bar"},
      {"/foo/bar", "/foo", "/xyz/", "/xyz/bar"},
      {"/foo/bar", "/foo/", "/xyz", "/xyz/bar"},
      {"/foo/bar", "/foo/", "/xyz/", "/xyz/bar"},
      {"/foo", "/foo", "/xyz", "/xyz"},
      {"/foo/", "/foo", "/xyz", "/xyz/"},
      {"/foo/bar", "/foo", "", "/bar"},
      {"/foo/", "/foo", "", "/"},
      {"/foo", "/foo", "", "/"},
      {"/foo/", "/foo", "/", "/"},
      {"/foo", "/foo", "/", "/"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(replace_prefix_match(row.path, row.prefix, row.replacement), row.expected)
        << row.path << " | " << row.prefix << " | \"" << row.replacement << "\"";
  }
}

// The conformance suite's HTTPRouteRewritePath and HTTPRouteRedirectPath cases.
TEST(ReplacePrefixMatch, FollowsTheConformanceCases) {
  EXPECT_EQ(replace_prefix_match("/prefix/one/two", "/prefix/one", "/one"), "/one/two");
  EXPECT_EQ(replace_prefix_match("/strip-prefix/three", "/strip-prefix", "/"), "/three");
  EXPECT_EQ(replace_prefix_match("/strip-prefix", "/strip-prefix", "/"), "/");
  EXPECT_EQ(replace_prefix_match("/prefix/rewrite-path-and-modify-headers/one",
                                 "/prefix/rewrite-path-and-modify-headers", "/prefix"),
            "/prefix/one");
  EXPECT_EQ(
      replace_prefix_match("/original-prefix/lemon", "/original-prefix", "/replacement-prefix"),
      "/replacement-prefix/lemon");
  EXPECT_EQ(replace_prefix_match("/path-and-host", "/path-and-host", "/replacement-prefix"),
            "/replacement-prefix");
}

TEST(ReplacePrefixMatch, MatchesElementWiseAsTheRouterDoes) {
  // Empty segments are skipped while matching, so "/a//b" is under "/a/b".
  EXPECT_EQ(replace_prefix_match("/a//b/c", "/a/b", "/x"), "/x/c");
  // The root prefix matches no element: the whole path follows the replacement.
  EXPECT_EQ(replace_prefix_match("/a/b", "/", "/x"), "/x/a/b");
  EXPECT_EQ(replace_prefix_match("/a/b", "/", "/"), "/a/b");
  // A prefix that is not this path's is left alone (the router never sends one here).
  EXPECT_EQ(replace_prefix_match("/foobar", "/foo", "/x"), "/foobar");
}

sv1::PathModifier modifier(sv1::PathModifier::Type type, const std::string& value) {
  sv1::PathModifier spec;
  spec.set_type(type);
  spec.set_value(value);
  return spec;
}

sv1::PathMatch match(sv1::PathMatch::Type type, const std::string& value) {
  sv1::PathMatch spec;
  spec.set_type(type);
  spec.set_value(value);
  return spec;
}

TEST(PathModifier, ReplacesTheWholePathAndKeepsTheQuery) {
  PathModifier compiled;
  std::string error;
  ASSERT_TRUE(PathModifier::compile(modifier(sv1::PathModifier::REPLACE_FULL_PATH, "/one"),
                                    match(sv1::PathMatch::PREFIX, "/full/one"), compiled, error));
  EXPECT_EQ(compiled.apply("/full/one/two"), "/one");
  EXPECT_EQ(compiled.apply("/full/one/two?a=1&b=2"), "/one?a=1&b=2");
}

TEST(PathModifier, AnEmptyFullPathIsTheRoot) {
  PathModifier compiled;
  std::string error;
  ASSERT_TRUE(PathModifier::compile(modifier(sv1::PathModifier::REPLACE_FULL_PATH, ""),
                                    match(sv1::PathMatch::PREFIX, "/"), compiled, error));
  EXPECT_EQ(compiled.apply("/anything?q"), "/?q");
}

TEST(PathModifier, ReplacesTheRoutesPrefixAndKeepsTheQuery) {
  PathModifier compiled;
  std::string error;
  ASSERT_TRUE(PathModifier::compile(modifier(sv1::PathModifier::REPLACE_PREFIX_MATCH, "/one"),
                                    match(sv1::PathMatch::PREFIX, "/prefix/one"), compiled, error));
  EXPECT_EQ(compiled.apply("/prefix/one/two?x=y"), "/one/two?x=y");
  EXPECT_EQ(compiled.apply("/prefix/one"), "/one");
}

TEST(PathModifier, AnExactRoutesWholePathIsItsPrefix) {
  PathModifier compiled;
  std::string error;
  ASSERT_TRUE(PathModifier::compile(modifier(sv1::PathModifier::REPLACE_PREFIX_MATCH, "/new"),
                                    match(sv1::PathMatch::EXACT, "/old/page"), compiled, error));
  EXPECT_EQ(compiled.apply("/old/page"), "/new");
}

TEST(PathModifier, ReplacePrefixMatchOnARegexRouteIsRefused) {
  PathModifier compiled;
  std::string error;
  EXPECT_FALSE(PathModifier::compile(modifier(sv1::PathModifier::REPLACE_PREFIX_MATCH, "/new"),
                                     match(sv1::PathMatch::REGULAR_EXPRESSION, "/old/.*"), compiled,
                                     error));
  EXPECT_NE(error.find("ReplacePrefixMatch"), std::string::npos) << error;
}

}  // namespace
}  // namespace lintel::dataplane::filters

namespace lintel::dataplane::filters {
namespace {

// ingress-nginx's rewrite-target with capture references, on the route's own regular expression.
TEST(ReplaceRegexMatch, SubstitutesCaptureGroupsOfTheWholePath) {
  sv1::PathMatch match;
  match.set_type(sv1::PathMatch::REGULAR_EXPRESSION);
  match.set_value("(?i)(?:/api/v(\\d+)/(.*)).*");
  sv1::PathModifier spec;
  spec.set_type(sv1::PathModifier::REPLACE_REGEX_MATCH);
  spec.set_value("/v$1/${2}/x$9");
  PathModifier modifier;
  std::string error;
  ASSERT_TRUE(PathModifier::compile(spec, match, modifier, error)) << error;
  EXPECT_EQ(modifier.apply("/api/v2/users/7?q=1"), "/v2/users/7/x?q=1");
  EXPECT_EQ(modifier.apply("/API/V3/"), "/v3//x");
  // A path the regex does not match (the router would not have chosen the route) is kept.
  EXPECT_EQ(modifier.apply("/other"), "/other");
}

TEST(ReplaceRegexMatch, EmptyResultIsTheRootAndADollarWithoutDigitsIsLiteral) {
  RE2 regex("/a(/|$)(.*)");
  EXPECT_EQ(replace_regex_match("/a", regex, "$2"), "/");
  EXPECT_EQ(replace_regex_match("/a/b", regex, "/$2"), "/b");
  EXPECT_EQ(replace_regex_match("/a/b", regex, "/$x/$2"), "/$x/b");
  EXPECT_EQ(replace_regex_match("/a/b", regex, "/${2"), "/${2");
}

TEST(ReplaceRegexMatch, RefusedOnARouteWithoutRegularExpression) {
  sv1::PathMatch match;
  match.set_type(sv1::PathMatch::PREFIX);
  match.set_value("/api");
  sv1::PathModifier spec;
  spec.set_type(sv1::PathModifier::REPLACE_REGEX_MATCH);
  spec.set_value("/$1");
  PathModifier modifier;
  std::string error;
  EXPECT_FALSE(PathModifier::compile(spec, match, modifier, error));
  EXPECT_NE(error.find("RegularExpression"), std::string::npos);
}

}  // namespace
}  // namespace lintel::dataplane::filters
