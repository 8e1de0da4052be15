#include "filters/redirect.h"

#include <gtest/gtest.h>

#include <vector>

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

sv1::PathMatch prefix(const std::string& value) {
  sv1::PathMatch match;
  match.set_type(sv1::PathMatch::PREFIX);
  match.set_value(value);
  return match;
}

Redirect compile(const sv1::RedirectAction& spec, const std::string& route_prefix = "/") {
  Redirect redirect;
  std::string error;
  EXPECT_TRUE(Redirect::compile(spec, prefix(route_prefix), redirect, error)) << error;
  return redirect;
}

std::string location(const Redirect& redirect, std::string_view scheme, std::uint32_t port,
                     std::string_view target, std::string_view host = "gw.example") {
  return redirect.location(RedirectRequest{scheme, host, port, target});
}

struct PortCase {
  const char* listener_scheme;
  std::uint32_t listener_port;
  const char* scheme;  // the filter's, "" when unset
  std::uint32_t port;  // the filter's, 0 when unset
  const char* expected;
};

// The conformance suite's HTTPRouteRedirectPortAndScheme matrix (hostname example.org): the
// port defaults to the scheme's when the filter names a scheme, to the listener's otherwise,
// and is left out when it is the scheme's well-known port.
TEST(Redirect, DerivesAndOmitsThePortAsTheSpecSays) {
  const std::vector<PortCase> cases = {
      {"http", 80, "", 0, "http://example.org/p"},
      {"http", 80, "", 80, "http://example.org/p"},
      {"http", 80, "", 8080, "http://example.org:8080/p"},
      {"http", 80, "https", 0, "https://example.org/p"},
      {"http", 80, "https", 443, "https://example.org/p"},
      {"http", 80, "https", 8443, "https://example.org:8443/p"},
      {"http", 8080, "", 0, "http://example.org:8080/p"},
      {"http", 8080, "", 80, "http://example.org/p"},
      {"http", 8080, "https", 0, "https://example.org/p"},
      {"https", 443, "", 0, "https://example.org/p"},
      {"https", 443, "", 443, "https://example.org/p"},
      {"https", 443, "", 8443, "https://example.org:8443/p"},
      {"https", 443, "http", 0, "http://example.org/p"},
      {"https", 443, "http", 80, "http://example.org/p"},
      {"https", 443, "http", 8080, "http://example.org:8080/p"},
  };
  for (const auto& each : cases) {
    sv1::RedirectAction spec;
    spec.set_hostname("example.org");
    spec.set_scheme(each.scheme);
    spec.set_port(each.port);
    EXPECT_EQ(location(compile(spec), each.listener_scheme, each.listener_port, "/p"),
              each.expected)
        << each.listener_scheme << ":" << each.listener_port << " scheme=" << each.scheme
        << " port=" << each.port;
  }
}

TEST(Redirect, TheHostDefaultsToTheRequestsWithoutItsPort) {
  sv1::RedirectAction spec;
  spec.set_port(8083);
  const auto redirect = compile(spec);
  EXPECT_EQ(location(redirect, "http", 80, "/port", "gw.example:8080"),
            "http://gw.example:8083/port");
  EXPECT_EQ(location(redirect, "http", 80, "/port", "[::1]:8080"), "http://[::1]:8083/port");
  EXPECT_EQ(location(compile(sv1::RedirectAction()), "http", 80, "/", "Gw.Example"),
            "http://gw.example/");
}

TEST(Redirect, SchemeAloneGoesToTheSchemesPort) {
  sv1::RedirectAction spec;
  spec.set_scheme("https");
  EXPECT_EQ(location(compile(spec), "http", 8080, "/scheme", "gw.example:8080"),
            "https://gw.example/scheme");
}

TEST(Redirect, KeepsTheQuery) {
  sv1::RedirectAction spec;
  spec.set_hostname("example.org");
  EXPECT_EQ(location(compile(spec), "http", 80, "/a?b=c&d"), "http://example.org/a?b=c&d");
}

// The conformance suite's HTTPRouteRedirectPath cases.
TEST(Redirect, ModifiesThePath) {
  sv1::RedirectAction prefix_spec;
  prefix_spec.mutable_path()->set_type(sv1::PathModifier::REPLACE_PREFIX_MATCH);
  prefix_spec.mutable_path()->set_value("/replacement-prefix");
  const auto by_prefix = compile(prefix_spec, "/original-prefix");
  EXPECT_EQ(location(by_prefix, "http", 80, "/original-prefix/lemon"),
            "http://gw.example/replacement-prefix/lemon");

  sv1::RedirectAction full_spec;
  full_spec.mutable_path()->set_type(sv1::PathModifier::REPLACE_FULL_PATH);
  full_spec.mutable_path()->set_value("/full-path-replacement");
  EXPECT_EQ(location(compile(full_spec, "/full"), "http", 80, "/full/path/original"),
            "http://gw.example/full-path-replacement");
}

TEST(Redirect, StatusDefaultsTo302) {
  sv1::RedirectAction spec;
  EXPECT_EQ(compile(spec).status(), 302u);
  for (unsigned status : {301u, 302u, 303u, 307u, 308u}) {
    spec.set_status_code(status);
    EXPECT_EQ(compile(spec).status(), status);
  }
  spec.set_status_code(200);
  EXPECT_EQ(compile(spec).status(), 302u);
}

TEST(Redirect, RefusesWhatCouldNotBeALocation) {
  Redirect redirect;
  std::string error;
  sv1::RedirectAction bad_host;
  bad_host.set_hostname("evil.example/\r\nX: y");
  EXPECT_FALSE(Redirect::compile(bad_host, prefix("/"), redirect, error));
  sv1::RedirectAction bad_scheme;
  bad_scheme.set_scheme("ftp");
  EXPECT_FALSE(Redirect::compile(bad_scheme, prefix("/"), redirect, error));
  EXPECT_NE(error.find("ftp"), std::string::npos) << error;
}

}  // namespace
}  // namespace lintel::dataplane::filters
