// 421 Misdirected Request: the listener a request's Host selects must be the one its TLS server
// name selected, among the HTTPS listeners sharing a port (the cases of Gateway API's
// HTTPRouteHTTPSListenerDetectMisdirectedRequests, listener by listener).
#include "tls/misdirected_request.h"

#include <gtest/gtest.h>

namespace lintel::dataplane::tls {
namespace {

const std::vector<std::string> kListeners = {"", "second-example.org", "*.wildcard.org",
                                             "fourth-example.wildcard.org"};

TEST(MisdirectedRequest, TheMostSpecificListenerIsSelected) {
  EXPECT_EQ(listener_for(kListeners, "second-example.org"), 1);
  EXPECT_EQ(listener_for(kListeners, "SECOND-example.org:443"), 1) << "no case, no port";
  EXPECT_EQ(listener_for(kListeners, "third-example.wildcard.org"), 2);
  EXPECT_EQ(listener_for(kListeners, "a.b.wildcard.org"), 2) << "any number of labels";
  EXPECT_EQ(listener_for(kListeners, "fourth-example.wildcard.org"), 3) << "exact beats wildcard";
  EXPECT_EQ(listener_for(kListeners, "wildcard.org"), 0) << "a wildcard needs a label more";
  EXPECT_EQ(listener_for(kListeners, "example.org"), 0) << "the catch-all";
  EXPECT_EQ(listener_for({"a.example.com"}, "b.example.com"), -1);
  EXPECT_EQ(listener_for({"*.example.com", "*.b.example.com"}, "a.b.example.com"), 1)
      << "the longest wildcard";
}

TEST(MisdirectedRequest, AHostThatSelectsAnotherListenerIsMisdirected) {
  struct Case {
    const char* server_name;
    const char* host;
    bool misdirected;
  };
  const Case cases[] = {
      {"example.org", "example.org", false},
      {"example.org", "second-example.org", true},
      {"example.org", "unknown-example.org", false},
      {"second-example.org", "second-example.org", false},
      {"second-example.org", "example.org", true},
      {"second-example.org", "unknown-example.org", true},
      {"third-example.wildcard.org", "third-example.wildcard.org", false},
      {"third-example.wildcard.org", "fith-example.wildcard.org", false},
      {"third-example.wildcard.org", "fourth-example.wildcard.org", true},
      {"third-example.wildcard.org", "second-example.org", true},
      {"fourth-example.wildcard.org", "fith-example.wildcard.org", true},
      {"unknown-example.org", "example.org", false},
      {"unknown-example.org", "unknown-example.org", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(misdirected(kListeners, c.server_name, c.host), c.misdirected)
        << "SNI " << c.server_name << ", Host " << c.host;
}

TEST(MisdirectedRequest, NeverWithoutAServerNameOrAHost) {
  EXPECT_FALSE(misdirected(kListeners, "", "second-example.org"));
  EXPECT_FALSE(misdirected(kListeners, "second-example.org", ""));
}

}  // namespace
}  // namespace lintel::dataplane::tls
