#include "filters/url_rewrite.h"

#include <gtest/gtest.h>

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

sv1::PathMatch prefix(const std::string& value) {
  sv1::PathMatch match;
  match.set_type(sv1::PathMatch::PREFIX);
  match.set_value(value);
  return match;
}

http::request_header<> request(const std::string& target, const std::string& host) {
  http::request_header<> out;
  out.method(http::verb::get);
  out.target(target);
  out.set(http::field::host, host);
  return out;
}

// The conformance suite's HTTPRouteRewriteHost and HTTPRouteRewritePath cases.
TEST(UrlRewrite, ReplacesTheHost) {
  sv1::URLRewrite spec;
  spec.set_hostname("one.example.org");
  UrlRewrite rewrite;
  std::string error;
  ASSERT_TRUE(UrlRewrite::compile(spec, prefix("/one"), rewrite, error)) << error;
  auto req = request("/one", "rewrite.example");
  rewrite.apply(req);
  EXPECT_EQ(req[http::field::host], "one.example.org");
  EXPECT_EQ(req.target(), "/one");
}

TEST(UrlRewrite, ReplacesThePrefixAndKeepsTheQuery) {
  sv1::URLRewrite spec;
  spec.mutable_path()->set_type(sv1::PathModifier::REPLACE_PREFIX_MATCH);
  spec.mutable_path()->set_value("/one");
  UrlRewrite rewrite;
  std::string error;
  ASSERT_TRUE(UrlRewrite::compile(spec, prefix("/prefix/one"), rewrite, error)) << error;
  auto req = request("/prefix/one/two?id=7", "gw.example");
  rewrite.apply(req);
  EXPECT_EQ(req.target(), "/one/two?id=7");
  EXPECT_EQ(req[http::field::host], "gw.example");
}

TEST(UrlRewrite, ReplacesTheFullPath) {
  sv1::URLRewrite spec;
  spec.mutable_path()->set_type(sv1::PathModifier::REPLACE_FULL_PATH);
  spec.mutable_path()->set_value("/one");
  UrlRewrite rewrite;
  std::string error;
  ASSERT_TRUE(UrlRewrite::compile(spec, prefix("/full/one"), rewrite, error)) << error;
  auto req = request("/full/one/two", "gw.example");
  rewrite.apply(req);
  EXPECT_EQ(req.target(), "/one");
}

TEST(UrlRewrite, RefusesAHostnameThatIsNotOne) {
  sv1::URLRewrite spec;
  spec.set_hostname("a b");
  UrlRewrite rewrite;
  std::string error;
  EXPECT_FALSE(UrlRewrite::compile(spec, prefix("/"), rewrite, error));
  EXPECT_NE(error.find("a b"), std::string::npos) << error;
}

}  // namespace
}  // namespace lintel::dataplane::filters
