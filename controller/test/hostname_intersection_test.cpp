#include "hostname_intersection.h"

#include <gtest/gtest.h>

namespace lintel::controller {
namespace {

using Names = std::vector<std::string>;

TEST(HostnameIntersection, ListenerWithoutHostnameTakesTheRoutes) {
  EXPECT_EQ(intersect_hostnames(std::nullopt, {}), Names{"*"});
  EXPECT_EQ(intersect_hostnames(std::nullopt, {"B.example.com", "a.example.com", "a.example.com"}),
            (Names{"a.example.com", "b.example.com"}));
}

TEST(HostnameIntersection, RouteWithoutHostnamesTakesTheListeners) {
  EXPECT_EQ(intersect_hostnames("*.example.com", {}), Names{"*.example.com"});
}

TEST(HostnameIntersection, PairsIntersectAsTheSpecSays) {
  // The spec's own examples for HTTPRoute.spec.hostnames.
  EXPECT_EQ(intersect_hostnames("*.example.com",
                                {"test.example.com", "foo.test.example.com", "example.com"}),
            (Names{"foo.test.example.com", "test.example.com"}));
  EXPECT_EQ(intersect_hostnames("test.example.com", {"*.example.com"}), Names{"test.example.com"});
  EXPECT_EQ(intersect_hostnames("*.example.com", {"*.foo.example.com"}),
            Names{"*.foo.example.com"});
  EXPECT_EQ(intersect_hostnames("*.foo.example.com", {"*.example.com"}),
            Names{"*.foo.example.com"});
  EXPECT_TRUE(intersect_hostnames("foo.com", {"bar.com", "*.foo.com"}).empty());
}

TEST(WildcardCovers, NeedsAtLeastOneLabel) {
  EXPECT_TRUE(wildcard_covers("*.example.com", "a.example.com"));
  EXPECT_TRUE(wildcard_covers("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(wildcard_covers("*.example.com", "example.com"));
  EXPECT_FALSE(wildcard_covers("*.example.com", "badexample.com"));
}

}  // namespace
}  // namespace lintel::controller
