#include "lintel/conversion/ingress_nginx_settings.h"

#include <gtest/gtest.h>

#include <map>

namespace lintel::conversion {
namespace {

api::ConfigMap config_map(const std::string& namespace_, const std::string& name,
                          std::map<std::string, std::string> data) {
  api::ConfigMap out;
  out.mutable_metadata()->set_namespace_(namespace_);
  out.mutable_metadata()->set_name(name);
  for (auto& [key, value] : data) (*out.mutable_data())[key] = value;
  return out;
}

TEST(IngressNginxSettings, DefaultsWithoutTheConfigMap) {
  auto other = config_map("ingress-nginx", "other", {{"ssl-redirect", "false"}});
  auto settings = read_ingress_nginx_settings({&other}, kIngressNginxConfigMap);
  EXPECT_TRUE(settings.ssl_redirect);
  EXPECT_FALSE(settings.backend_request_timeout);
  EXPECT_TRUE(settings.reports.empty());
  EXPECT_TRUE(settings.source.empty());
}

TEST(IngressNginxSettings, EveryKeyIsReportedInKeyOrder) {
  auto controller = config_map("ingress-nginx", "ingress-nginx-controller",
                               {{"ssl-redirect", "false"},
                                {"proxy-read-timeout", "120"},
                                {"proxy-body-size", "1m"},
                                {"enable-brotli", "true"}});
  auto settings = read_ingress_nginx_settings({&controller}, kIngressNginxConfigMap);
  EXPECT_EQ(settings.source, kIngressNginxConfigMap);
  EXPECT_FALSE(settings.ssl_redirect);
  EXPECT_EQ(settings.backend_request_timeout, "120s");
  ASSERT_EQ(settings.reports.size(), 4u);
  EXPECT_EQ(settings.reports[0].key, "enable-brotli");
  EXPECT_EQ(settings.reports[0].outcome, Outcome::unsupported);
  EXPECT_EQ(settings.reports[1].key, "proxy-body-size");
  EXPECT_EQ(settings.reports[1].outcome, Outcome::unsupported);
  EXPECT_EQ(settings.reports[2].key, "proxy-read-timeout");
  EXPECT_EQ(settings.reports[2].outcome, Outcome::approximated);
  EXPECT_EQ(settings.reports[3].key, "ssl-redirect");
  EXPECT_EQ(settings.reports[3].outcome, Outcome::converted);
}

TEST(IngressNginxSettings, ValuesNginxWouldNotTakeKeepTheDefaults) {
  auto controller = config_map("ingress-nginx", "ingress-nginx-controller",
                               {{"ssl-redirect", "no"}, {"proxy-read-timeout", "60s"}});
  auto settings = read_ingress_nginx_settings({&controller}, kIngressNginxConfigMap);
  EXPECT_TRUE(settings.ssl_redirect);
  EXPECT_FALSE(settings.backend_request_timeout);
  for (const auto& report : settings.reports) EXPECT_EQ(report.outcome, Outcome::unsupported);
}

}  // namespace
}  // namespace lintel::conversion
