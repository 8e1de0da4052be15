#include "lintel/dataplane/router.h"

#include <gtest/gtest.h>

#include <map>

namespace lintel::dataplane {
namespace {

namespace sv1 = snapshot::v1;

// The router points into the listener it was compiled from, so both live together.
struct BuiltRouter {
  std::unique_ptr<sv1::Listener> listener;
  std::unique_ptr<ListenerRouter> router;
  const ListenerRouter& operator*() const { return *router; }
};

class ListenerBuilder {
 public:
  ListenerBuilder& host(std::vector<std::string> domains,
                        sv1::WildcardMode mode = sv1::WILDCARD_MODE_SUFFIX) {
    vhost_ = listener_.add_virtual_hosts();
    vhost_->set_name(domains.empty() ? "none" : domains[0]);
    for (auto& d : domains) vhost_->add_domains(d);
    vhost_->set_wildcard_mode(mode);
    return *this;
  }
  sv1::Route& route(const std::string& name, sv1::PathMatch::Type type, const std::string& path) {
    sv1::Route* route = vhost_->add_routes();
    route->set_name(name);
    route->mutable_path()->set_type(type);
    route->mutable_path()->set_value(path);
    route->mutable_forward()->add_clusters()->set_cluster(name);
    return *route;
  }
  ListenerBuilder& prefix(const std::string& name, const std::string& path) {
    route(name, sv1::PathMatch::PREFIX, path);
    return *this;
  }
  ListenerBuilder& exact(const std::string& name, const std::string& path) {
    route(name, sv1::PathMatch::EXACT, path);
    return *this;
  }
  BuiltRouter build() {
    BuiltRouter built{std::make_unique<sv1::Listener>(listener_), nullptr};
    std::string error;
    built.router = ListenerRouter::compile(*built.listener, error);
    EXPECT_TRUE(built.router) << error;
    return built;
  }
  sv1::Listener listener_;

 private:
  sv1::VirtualHost* vhost_ = nullptr;
};

struct MapHeaders : RouteRequest::HeaderSource {
  std::map<std::string, std::string> values;
  bool find(std::string_view name, std::string& value) const override {
    auto it = values.find(std::string(name));
    if (it == values.end()) return false;
    value = it->second;
    return true;
  }
};

std::string route_for(const ListenerRouter& router, std::string_view host, std::string_view target,
                      std::string_view method = "GET", const MapHeaders* headers = nullptr) {
  RouteRequest request{method, host, target, headers};
  const sv1::Route* route = router.match(request);
  return route ? route->name() : "404";
}

TEST(ListenerRouter, SeedSimpleIngressSendsEveryHostToAlpaca) {
  auto router = ListenerBuilder().host({"*"}).prefix("alpaca", "/").build();
  EXPECT_EQ(route_for(*router, "alpaca.example.com", "/"), "alpaca");
  EXPECT_EQ(route_for(*router, "bandicoot.example.com:8080", "/x/y?z=1"), "alpaca");
  EXPECT_EQ(route_for(*router, "", "/"), "alpaca");
}

TEST(ListenerRouter, SeedHostIngressFallsThroughToTheDefaultBackend) {
  auto router = ListenerBuilder()
                    .host({"alpaca.example.com"}, sv1::WILDCARD_MODE_SINGLE_LABEL)
                    .prefix("alpaca", "/")
                    .host({"*"}, sv1::WILDCARD_MODE_SINGLE_LABEL)
                    .prefix("be-default", "/")
                    .build();
  EXPECT_EQ(route_for(*router, "alpaca.example.com", "/"), "alpaca");
  EXPECT_EQ(route_for(*router, "ALPACA.example.com.:80", "/anything"), "alpaca");
  EXPECT_EQ(route_for(*router, "bandicoot.example.com", "/"), "be-default");
}

TEST(ListenerRouter, SeedPathIngressPrefixIsElementWise) {
  auto router = ListenerBuilder()
                    .host({"bandicoot.example.com"}, sv1::WILDCARD_MODE_SINGLE_LABEL)
                    .prefix("alpaca", "/a/")
                    .prefix("bandicoot", "/")
                    .build();
  EXPECT_EQ(route_for(*router, "bandicoot.example.com", "/a"), "alpaca");
  EXPECT_EQ(route_for(*router, "bandicoot.example.com", "/a/"), "alpaca");
  EXPECT_EQ(route_for(*router, "bandicoot.example.com", "/a/x"), "alpaca");
  EXPECT_EQ(route_for(*router, "bandicoot.example.com", "/a?q=1"), "alpaca");
  EXPECT_EQ(route_for(*router, "bandicoot.example.com", "/ab"), "bandicoot");
  EXPECT_EQ(route_for(*router, "bandicoot.example.com", "/"), "bandicoot");
  EXPECT_EQ(route_for(*router, "alpaca.example.com", "/a"), "404");
}

TEST(ListenerRouter, ExactBeatsPrefixAndIsExact) {
  auto router =
      ListenerBuilder().host({"*"}).exact("exact-foo", "/foo").prefix("prefix-foo", "/foo").build();
  EXPECT_EQ(route_for(*router, "h", "/foo"), "exact-foo");
  EXPECT_EQ(route_for(*router, "h", "/foo/"), "prefix-foo");
  EXPECT_EQ(route_for(*router, "h", "/foo/bar"), "prefix-foo");
  EXPECT_EQ(route_for(*router, "h", "/foobar"), "404");
}

TEST(ListenerRouter, LongestPrefixWinsWhenTheTranslatorOrderedItFirst) {
  auto router = ListenerBuilder()
                    .host({"*"})
                    .prefix("deep", "/aaa/bbb/")
                    .prefix("shallow", "/aaa")
                    .prefix("root", "/")
                    .build();
  EXPECT_EQ(route_for(*router, "h", "/aaa/bbb"), "deep");
  EXPECT_EQ(route_for(*router, "h", "/aaa/bbb/ccc"), "deep");
  EXPECT_EQ(route_for(*router, "h", "/aaa/bb"), "shallow");
  EXPECT_EQ(route_for(*router, "h", "/aaa//bbb"), "deep");
  EXPECT_EQ(route_for(*router, "h", "/zzz"), "root");
}

TEST(ListenerRouter, SingleLabelWildcardMatchesExactlyOneLabel) {
  auto router = ListenerBuilder()
                    .host({"*.foo.com"}, sv1::WILDCARD_MODE_SINGLE_LABEL)
                    .prefix("foo", "/")
                    .build();
  EXPECT_EQ(route_for(*router, "bar.foo.com", "/"), "foo");
  EXPECT_EQ(route_for(*router, "baz.bar.foo.com", "/"), "404");
  EXPECT_EQ(route_for(*router, "foo.com", "/"), "404");
  EXPECT_EQ(route_for(*router, ".foo.com", "/"), "404");
}

TEST(ListenerRouter, SuffixWildcardMatchesAnyNumberOfLabelsMostSpecificFirst) {
  auto router = ListenerBuilder()
                    .host({"*.example.com"})
                    .prefix("any-example", "/")
                    .host({"*.api.example.com"})
                    .prefix("api", "/")
                    .build();
  EXPECT_EQ(route_for(*router, "a.b.example.com", "/"), "any-example");
  EXPECT_EQ(route_for(*router, "v1.api.example.com", "/"), "api");
  EXPECT_EQ(route_for(*router, "x.v1.api.example.com", "/"), "api");
  EXPECT_EQ(route_for(*router, "example.com", "/"), "404");
}

TEST(ListenerRouter, HostSpecificRootBeatsCatchAllDeepPath) {
  auto router = ListenerBuilder()
                    .host({"a.com"})
                    .prefix("a-root", "/")
                    .host({"*"})
                    .prefix("any-deep", "/x/y")
                    .build();
  EXPECT_EQ(route_for(*router, "a.com", "/x/y"), "a-root");
  EXPECT_EQ(route_for(*router, "b.com", "/x/y"), "any-deep");
}

TEST(ListenerRouter, HeaderQueryAndMethodMatchesInTranslatorOrder) {
  ListenerBuilder builder;
  builder.host({"*"});
  auto& with_header = builder.route("canary", sv1::PathMatch::PREFIX, "/");
  auto* header = with_header.add_headers();
  header->set_name("X-Canary");
  header->set_value("yes");
  auto& with_query = builder.route("v2", sv1::PathMatch::PREFIX, "/");
  auto* param = with_query.add_query_params();
  param->set_name("version");
  param->set_type(sv1::QueryParamMatch::REGULAR_EXPRESSION);
  param->set_value("v2|two");
  builder.route("post", sv1::PathMatch::PREFIX, "/").set_method("POST");
  builder.prefix("default", "/");
  auto router = builder.build();

  MapHeaders headers;
  EXPECT_EQ(route_for(*router, "h", "/", "GET", &headers), "default");
  headers.values["x-canary"] = "yes";
  EXPECT_EQ(route_for(*router, "h", "/?version=v2", "POST", &headers), "canary");
  headers.values["x-canary"] = "YES";
  EXPECT_EQ(route_for(*router, "h", "/?a=b&version=two", "POST", &headers), "v2");
  EXPECT_EQ(route_for(*router, "h", "/?version=v22", "POST", &headers), "post");
  EXPECT_EQ(route_for(*router, "h", "/?version=v2%32", "GET", &headers), "default");
}

TEST(ListenerRouter, RegexPathsMatchTheWholePath) {
  ListenerBuilder builder;
  builder.host({"*"});
  builder.route("numbers", sv1::PathMatch::REGULAR_EXPRESSION, "/item/[0-9]+");
  auto router = builder.build();
  EXPECT_EQ(route_for(*router, "h", "/item/42"), "numbers");
  EXPECT_EQ(route_for(*router, "h", "/item/42/x"), "404");
}

TEST(ListenerRouter, InvalidRegexFailsCompilationWithThePlace) {
  ListenerBuilder builder;
  builder.listener_.set_name("gw/http");
  builder.host({"*"});
  builder.route("broken", sv1::PathMatch::REGULAR_EXPRESSION, "/(unclosed");
  std::string error;
  EXPECT_EQ(ListenerRouter::compile(builder.listener_, error), nullptr);
  EXPECT_NE(error.find("route \"broken\": invalid regular expression \"/(unclosed\""),
            std::string::npos)
      << error;
}

TEST(ListenerRouter, ManyRoutesStillFindTheRightOne) {
  ListenerBuilder builder;
  for (int h = 0; h < 100; ++h) {
    builder.host({"h" + std::to_string(h) + ".example.com"});
    for (int p = 0; p < 100; ++p)
      builder.prefix("h" + std::to_string(h) + "-p" + std::to_string(p), "/p" + std::to_string(p));
  }
  auto router = builder.build();
  EXPECT_EQ(route_for(*router, "h57.example.com", "/p93/x"), "h57-p93");
  EXPECT_EQ(route_for(*router, "h57.example.com", "/p100"), "404");
}

TEST(NormalizeHost, DropsPortAndTrailingDotAndLowers) {
  EXPECT_EQ(normalize_host("Example.COM:8080"), "example.com");
  EXPECT_EQ(normalize_host("[::1]:8080"), "[::1]");
  EXPECT_EQ(normalize_host("a.b."), "a.b");
  EXPECT_EQ(normalize_host(""), "");
}

}  // namespace
}  // namespace lintel::dataplane
