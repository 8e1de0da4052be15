#include "listener_isolation.h"

#include <gtest/gtest.h>

namespace lintel::controller {
namespace {

ListenerIsolation port_of(std::initializer_list<const char*> hostnames) {
  ListenerIsolation isolation;
  for (const char* hostname : hostnames) isolation.add_listener(hostname);
  return isolation;
}

TEST(ListenerIsolation, OneListenerHostnameIsolatesNothing) {
  const auto isolation = port_of({"*.example.com"});
  EXPECT_TRUE(isolation.serves("a.example.com", "*.example.com"));
  EXPECT_TRUE(isolation.stop_hostnames().empty());
}

TEST(ListenerIsolation, ARouteServesOnlyWhatItsListenerIsTheMostSpecificFor) {
  const auto isolation = port_of({"", "*.example.com", "*.foo.example.com", "abc.foo.example.com"});
  EXPECT_TRUE(isolation.serves("*", ""));
  EXPECT_TRUE(isolation.serves("bar.com", ""));
  EXPECT_FALSE(isolation.serves("bar.example.com", ""));
  EXPECT_FALSE(isolation.serves("*.example.com", ""));
  EXPECT_FALSE(isolation.serves("*.foo.example.com", ""));
  EXPECT_TRUE(isolation.serves("*.example.com", "*.example.com"));
  EXPECT_TRUE(isolation.serves("bar.example.com", "*.example.com"));
  EXPECT_FALSE(isolation.serves("*.foo.example.com", "*.example.com"));
  EXPECT_FALSE(isolation.serves("x.foo.example.com", "*.example.com"));
  EXPECT_FALSE(isolation.serves("abc.foo.example.com", "*.foo.example.com"));
  EXPECT_TRUE(isolation.serves("x.foo.example.com", "*.foo.example.com"));
  EXPECT_TRUE(isolation.serves("abc.foo.example.com", "abc.foo.example.com"));
  // "*.bar.example.com" on "*.example.com": no other listener takes those names.
  EXPECT_TRUE(isolation.serves("*.bar.example.com", "*.example.com"));
}

TEST(ListenerIsolation, EveryListenerHostnameStopsTheFallThrough) {
  const auto isolation = port_of({"", "*.example.com", "abc.example.com"});
  EXPECT_EQ(isolation.stop_hostnames(),
            (std::vector<std::string>{"*.example.com", "abc.example.com"}));
  const auto stop = isolation_stop("abc.example.com");
  EXPECT_EQ(stop.direct_response().status(), 404u);
  EXPECT_EQ(stop.path().value(), "/");
}

}  // namespace
}  // namespace lintel::controller
