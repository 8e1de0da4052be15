#include "filters/route_filters.h"

#include <gtest/gtest.h>

#include "compiled_config.h"

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

sv1::Route forward_route() {
  sv1::Route route;
  route.mutable_path()->set_value("/");
  auto* weighted = route.mutable_forward()->add_clusters();
  weighted->set_cluster("default/echo:80");
  weighted->set_weight(1);
  return route;
}

TEST(RouteFilters, APlainRouteHasNone) {
  EXPECT_FALSE(has_filters(forward_route()));
  auto with_header = forward_route();
  with_header.mutable_request_headers();
  EXPECT_TRUE(has_filters(with_header));
  auto with_backend_header = forward_route();
  with_backend_header.mutable_forward()->mutable_clusters(0)->mutable_response_headers();
  EXPECT_TRUE(has_filters(with_backend_header));
  auto with_timeout = forward_route();
  with_timeout.mutable_timeouts()->set_request_ms(10);
  EXPECT_TRUE(has_filters(with_timeout));
}

TEST(RouteFilters, CompilesEveryStage) {
  CompiledCluster mirror_cluster;
  const ClusterLookup lookup = [&](std::string_view name) -> const CompiledCluster* {
    return name == "default/mirror:80" ? &mirror_cluster : nullptr;
  };
  auto route = forward_route();
  auto* set = route.mutable_request_headers()->add_set();
  set->set_name("X-A");
  set->set_value("1");
  route.mutable_url_rewrite()->set_hostname("upstream.example");
  auto* mirror = route.add_mirrors();
  mirror->set_cluster("default/mirror:80");
  mirror->set_numerator(1);
  mirror->set_denominator(4);
  auto* second = route.mutable_forward()->add_clusters();
  second->set_cluster("default/other:80");
  second->set_weight(1);
  second->mutable_request_headers()->add_remove("X-A");
  route.mutable_timeouts()->set_request_ms(1500);
  route.mutable_timeouts()->set_backend_request_ms(500);

  RouteFilters compiled;
  std::string error;
  ASSERT_TRUE(compile_route_filters(route, lookup, compiled, error)) << error;
  EXPECT_FALSE(compiled.request_headers.empty());
  EXPECT_TRUE(compiled.response_headers.empty());
  EXPECT_TRUE(compiled.url_rewrite.has_value());
  EXPECT_FALSE(compiled.redirect.has_value());
  ASSERT_EQ(compiled.mirrors.size(), 1u);
  EXPECT_EQ(compiled.mirrors[0].cluster, &mirror_cluster);
  ASSERT_EQ(compiled.backends.size(), 2u);  // one per WeightedCluster, by index
  EXPECT_TRUE(compiled.backends[0].request_headers.empty());
  EXPECT_FALSE(compiled.backends[1].request_headers.empty());
  EXPECT_EQ(compiled.request_timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(compiled.backend_request_timeout, std::chrono::milliseconds(500));
}

TEST(RouteFilters, AMirrorToAnUnknownClusterIsRefused) {
  const ClusterLookup none = [](std::string_view) -> const CompiledCluster* { return nullptr; };
  auto route = forward_route();
  route.add_mirrors()->set_cluster("default/nowhere:80");
  RouteFilters compiled;
  std::string error;
  EXPECT_FALSE(compile_route_filters(route, none, compiled, error));
  EXPECT_NE(error.find("default/nowhere:80"), std::string::npos) << error;
}

TEST(RouteFilters, ARedirectRouteCompilesItsRedirect) {
  const ClusterLookup none = [](std::string_view) -> const CompiledCluster* { return nullptr; };
  sv1::Route route;
  route.mutable_path()->set_value("/old");
  route.mutable_redirect()->set_status_code(301);
  RouteFilters compiled;
  std::string error;
  ASSERT_TRUE(compile_route_filters(route, none, compiled, error)) << error;
  ASSERT_TRUE(compiled.redirect.has_value());
  EXPECT_EQ(compiled.redirect->status(), 301u);
}

TEST(MirrorPolicy, SamplesTheConfiguredShare) {
  EXPECT_TRUE((MirrorPolicy{nullptr, 0, 0}.sampled(12345)));  // no share given: every request
  EXPECT_TRUE((MirrorPolicy{nullptr, 100, 100}.sampled(99)));
  EXPECT_FALSE((MirrorPolicy{nullptr, 0, 100}.sampled(0)));
  const MirrorPolicy quarter{nullptr, 25, 100};
  int taken = 0;
  for (std::uint64_t draw = 0; draw < 1000; ++draw) taken += quarter.sampled(draw) ? 1 : 0;
  EXPECT_EQ(taken, 250);
  const MirrorPolicy half{nullptr, 25, 50};
  taken = 0;
  for (std::uint64_t draw = 0; draw < 1000; ++draw) taken += half.sampled(draw) ? 1 : 0;
  EXPECT_EQ(taken, 500);
}

}  // namespace
}  // namespace lintel::dataplane::filters
