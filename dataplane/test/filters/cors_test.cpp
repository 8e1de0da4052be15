#include "filters/cors.h"

#include <gtest/gtest.h>

#include "filters/cors_origin.h"
#include "filters/cors_preflight.h"

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

bool pattern_matches(const std::string& pattern, const std::string& origin) {
  const auto compiled = OriginPattern::parse(pattern);
  EXPECT_TRUE(compiled) << pattern;
  const auto parsed = parse_origin(origin);
  return compiled && parsed && compiled->matches(*parsed);
}

TEST(CorsOrigin, ParsesWhatBrowsersSend) {
  const auto origin = parse_origin("https://www.foo.com:8443");
  ASSERT_TRUE(origin);
  EXPECT_EQ(origin->scheme, "https");
  EXPECT_EQ(origin->host, "www.foo.com");
  EXPECT_EQ(origin->port, 8443u);
  EXPECT_EQ(parse_origin("http://a.example")->port, 80u);
  EXPECT_EQ(parse_origin("https://a.example")->port, 443u);
  EXPECT_EQ(parse_origin("http://[::1]:8080")->host, "[::1]");
  for (const char* bad : {"null", "", "https://", "www.foo.com", "https://a.com/path",
                          "https://user@a.com", "https://a.com:", "https://a.com:70000",
                          "https://a.com:0", "https://*.a.com", "://a.com"}) {
    EXPECT_FALSE(parse_origin(bad)) << bad;
  }
}

TEST(CorsOrigin, ExactOriginsCompareSchemeHostAndPort) {
  EXPECT_TRUE(pattern_matches("https://www.foo.com", "https://www.foo.com"));
  EXPECT_TRUE(pattern_matches("https://www.foo.com", "HTTPS://WWW.Foo.com"));
  EXPECT_TRUE(pattern_matches("https://www.foo.com", "https://www.foo.com:443"));
  EXPECT_TRUE(pattern_matches("http://www.foo.com:80", "http://www.foo.com"));
  EXPECT_FALSE(pattern_matches("https://www.foo.com", "http://www.foo.com"));
  EXPECT_FALSE(pattern_matches("https://www.foo.com", "https://www.foo.com:8443"));
  EXPECT_FALSE(pattern_matches("https://www.foo.com", "https://foo.com"));
  EXPECT_FALSE(pattern_matches("https://www.foo.com", "https://www.foo.com.evil.com"));
}

TEST(CorsOrigin, AWildcardTakesAnyNumberOfLabelsOnTheLeft) {
  EXPECT_TRUE(pattern_matches("https://*.bar.com", "https://www.bar.com"));
  EXPECT_TRUE(pattern_matches("https://*.bar.com", "https://xpto.www.bar.com"));
  EXPECT_FALSE(pattern_matches("https://*.bar.com", "https://bar.com"));
  EXPECT_FALSE(pattern_matches("https://*.bar.com", "https://foobar.com"));
  EXPECT_FALSE(pattern_matches("https://*.bar.com", "http://www.bar.com"));
  EXPECT_FALSE(pattern_matches("https://*.bar.com", "https://www.bar.com:8443"));
  EXPECT_TRUE(pattern_matches("https://*.bar.com:8443", "https://www.bar.com:8443"));
  EXPECT_TRUE(pattern_matches("https://*", "https://anything.example:443"));
  EXPECT_FALSE(pattern_matches("https://*", "http://anything.example"));
}

TEST(CorsOrigin, RefusesPatternsThatAreNotOrigins) {
  for (const char* bad :
       {"www.foo.com", "https://www.*.com", "https://*foo.com", "https://*.*.com", "https://"}) {
    EXPECT_FALSE(OriginPattern::parse(bad)) << bad;
  }
  EXPECT_TRUE(OriginPattern::parse("*")->any_origin());
}

Cors compiled(const sv1::CorsPolicy& spec) {
  Cors cors;
  std::string error;
  EXPECT_TRUE(Cors::compile(spec, cors, error)) << error;
  return cors;
}

sv1::CorsPolicy listed_policy() {
  sv1::CorsPolicy spec;
  spec.add_allow_origins("https://www.foo.com");
  spec.add_allow_origins("https://*.bar.com");
  spec.add_allow_methods("GET");
  spec.add_allow_methods("OPTIONS");
  spec.add_allow_headers("x-header-1");
  spec.add_allow_headers("x-header-2");
  spec.add_expose_headers("x-header-3");
  spec.add_expose_headers("x-header-4");
  spec.set_allow_credentials(true);
  spec.set_max_age_seconds(3600);
  return spec;
}

sv1::CorsPolicy wildcard_policy(bool credentials) {
  sv1::CorsPolicy spec;
  spec.add_allow_origins("*");
  spec.add_allow_methods("*");
  spec.add_allow_headers("*");
  spec.add_expose_headers("*");
  spec.set_allow_credentials(credentials);
  return spec;
}

std::string field(const http::fields& fields, http::field name) {
  const auto found = fields.find(name);
  return found == fields.end() ? "(absent)" : std::string(found->value());
}

TEST(Cors, CompileRefusesABadOrigin) {
  sv1::CorsPolicy spec;
  spec.add_allow_origins("https://www.*.com");
  Cors cors;
  std::string error;
  EXPECT_FALSE(Cors::compile(spec, cors, error));
  EXPECT_NE(error.find("https://www.*.com"), std::string::npos) << error;
}

TEST(Cors, APreflightIsAnOptionsWithOriginAndRequestMethod) {
  EXPECT_TRUE(Cors::is_preflight("OPTIONS", true, true));
  EXPECT_FALSE(Cors::is_preflight("OPTIONS", true, false));
  EXPECT_FALSE(Cors::is_preflight("OPTIONS", false, true));
  EXPECT_FALSE(Cors::is_preflight("GET", true, true));
}

TEST(Cors, ListedValuesAreJoinedOnceAndTheOriginEchoed) {
  const Cors cors = compiled(listed_policy());
  EXPECT_TRUE(cors.allows("https://xpto.www.bar.com"));
  EXPECT_FALSE(cors.allows("https://foobar.com"));
  EXPECT_FALSE(cors.allows("null"));
  http::fields preflight;
  cors.add_preflight_headers("https://www.foo.com", "GET", "x-header-1", preflight);
  EXPECT_EQ(field(preflight, http::field::access_control_allow_origin), "https://www.foo.com");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_methods), "GET, OPTIONS");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_headers), "x-header-1, x-header-2");
  EXPECT_EQ(field(preflight, http::field::access_control_expose_headers), "x-header-3, x-header-4");
  EXPECT_EQ(field(preflight, http::field::access_control_max_age), "3600");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_credentials), "true");
}

TEST(Cors, WildcardsWithCredentialsAnswerWithWhatWasAsked) {
  const Cors cors = compiled(wildcard_policy(true));
  EXPECT_TRUE(cors.allows("null"));
  http::fields preflight;
  cors.add_preflight_headers("https://other.foo.com", "PUT", "x-a, x-b", preflight);
  EXPECT_EQ(field(preflight, http::field::access_control_allow_origin), "https://other.foo.com");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_methods), "PUT");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_headers), "x-a, x-b");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_credentials), "true");
  // "*" would be taken literally with credentials, and nothing else names every header.
  EXPECT_EQ(field(preflight, http::field::access_control_expose_headers), "(absent)");
  http::fields without_headers;
  cors.add_preflight_headers("https://other.foo.com", "PUT", "", without_headers);
  EXPECT_EQ(field(without_headers, http::field::access_control_allow_headers), "(absent)");
}

TEST(Cors, WildcardsWithoutCredentialsAnswerStar) {
  const Cors cors = compiled(wildcard_policy(false));
  http::fields preflight;
  cors.add_preflight_headers("https://other.foo.com", "PUT", "x-a", preflight);
  EXPECT_EQ(field(preflight, http::field::access_control_allow_methods), "*");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_headers), "*");
  EXPECT_EQ(field(preflight, http::field::access_control_expose_headers), "*");
  EXPECT_EQ(field(preflight, http::field::access_control_allow_credentials), "(absent)");
  EXPECT_EQ(field(preflight, http::field::access_control_max_age), "(absent)");
}

TEST(CorsResponse, AddsHeadersOnlyForAnAllowedOriginAndVaryWheneverThereIsOne) {
  const Cors cors = compiled(listed_policy());
  http::fields allowed;
  CorsResponse(cors, std::string_view("https://www.bar.com")).apply(allowed);
  EXPECT_EQ(field(allowed, http::field::access_control_allow_origin), "https://www.bar.com");
  EXPECT_EQ(field(allowed, http::field::access_control_allow_credentials), "true");
  EXPECT_EQ(field(allowed, http::field::access_control_expose_headers), "x-header-3, x-header-4");
  EXPECT_EQ(field(allowed, http::field::access_control_allow_methods), "(absent)");
  EXPECT_EQ(field(allowed, http::field::vary), "Origin");

  http::fields refused;
  CorsResponse(cors, std::string_view("https://foobar.com")).apply(refused);
  EXPECT_EQ(field(refused, http::field::access_control_allow_origin), "(absent)");
  EXPECT_EQ(field(refused, http::field::vary), "Origin");

  http::fields no_origin;
  CorsResponse(cors, std::nullopt).apply(no_origin);
  EXPECT_EQ(no_origin.begin(), no_origin.end());
}

TEST(CorsPreflight, IsAnsweredNoContentWithOrWithoutTheCorsHeaders) {
  const Cors cors = compiled(listed_policy());
  const auto allowed =
      cors_preflight_answer(cors, {"https://www.foo.com", "GET", ""}, 11, true, HeaderModifier());
  EXPECT_EQ(allowed.result_int(), 204u);
  EXPECT_EQ(field(allowed.base(), http::field::access_control_allow_origin), "https://www.foo.com");
  EXPECT_TRUE(allowed.keep_alive());

  sv1::HeaderModifier extra;
  auto* set = extra.add_set();
  set->set_name("X-Route");
  set->set_value("yes");
  const auto refused = cors_preflight_answer(cors, {"https://foobar.com", "GET", ""}, 11, false,
                                             HeaderModifier::compile(extra));
  EXPECT_EQ(refused.result_int(), 204u);
  EXPECT_EQ(field(refused.base(), http::field::access_control_allow_origin), "(absent)");
  EXPECT_EQ(field(refused.base(), http::field::access_control_allow_methods), "(absent)");
  EXPECT_EQ(std::string(refused["X-Route"]), "yes");
  EXPECT_FALSE(refused.keep_alive());
}

}  // namespace
}  // namespace lintel::dataplane::filters
