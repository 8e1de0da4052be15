#include <gtest/gtest.h>

#include "lintel/support/duration.h"
#include "lintel/support/json_text.h"
#include "lintel/support/prometheus_text.h"
#include "lintel/support/text.h"

namespace lintel::support {
namespace {

TEST(Duration, ReadsGatewayApiDurationsInMilliseconds) {
  EXPECT_EQ(gateway_duration_ms("10s"), 10000);
  EXPECT_EQ(gateway_duration_ms("500ms"), 500);
  EXPECT_EQ(gateway_duration_ms("1h2m"), 3720000);
  EXPECT_EQ(gateway_duration_ms("1m30s250ms"), 90250);
  EXPECT_EQ(gateway_duration_ms("0s"), 0);
  EXPECT_EQ(gateway_duration_ms(""), std::nullopt);
  EXPECT_EQ(gateway_duration_ms("10"), std::nullopt);
  EXPECT_EQ(gateway_duration_ms("1.5s"), std::nullopt);
  EXPECT_EQ(gateway_duration_ms("10us"), std::nullopt);
  EXPECT_EQ(gateway_duration_ms("123456s"), std::nullopt);
}

TEST(JsonText, EscapesQuotesBackslashesAndControlBytes) {
  std::string out;
  append_json_string(out, std::string("a\"b\\c\n\t\x01\x7f", 9));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001\x7f\"");
}

TEST(JsonText, KeepsValidUtf8AndReplacesInvalidBytes) {
  std::string out;
  append_json_string(out, "caf\xC3\xA9 \xFF \xC3 \xED\xA0\x80 \xF0\x9F\x98\x80");
  EXPECT_EQ(out,
            "\"caf\xC3\xA9 \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
            "\xF0\x9F\x98\x80\"");
}

TEST(Text, TrimsHttpWhitespaceOnly) {
  EXPECT_EQ(trim_whitespace(" \ta b\t "), "a b");
  EXPECT_EQ(trim_whitespace("\n"), "\n");
  EXPECT_EQ(trim_whitespace(""), "");
}

TEST(Text, PercentDecodes) {
  EXPECT_EQ(percent_decode("a%20b%2fc", false), "a b/c");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("100%", false), "100%");
  EXPECT_EQ(percent_decode("%zz%4", false), "%zz%4");
  EXPECT_EQ(percent_decode("%41%4a", false), "AJ");
}

TEST(Text, FindsTheFirstQueryParameterDecoded) {
  std::string value;
  EXPECT_TRUE(find_query_parameter("a=1&delay=1s&delay=2s", "delay", value));
  EXPECT_EQ(value, "1s");
  EXPECT_TRUE(find_query_parameter("x&na%6De=a+b%21", "name", value));
  EXPECT_EQ(value, "a b!");
  EXPECT_TRUE(find_query_parameter("flag", "flag", value));
  EXPECT_EQ(value, "");
  EXPECT_FALSE(find_query_parameter("", "a", value));
  EXPECT_FALSE(find_query_parameter("A=1", "a", value));
}

}  // namespace
}  // namespace lintel::support

namespace lintel::support {
namespace {

TEST(PrometheusText, WritesFamiliesSamplesAndEscapedLabels) {
  PrometheusText text;
  text.family("lintel_requests_total", "counter", "Requests answered.\nBy class.");
  text.sample("lintel_requests_total", {{"code", "2xx"}, {"route", "a\"b\\c\nd"}}, 42);
  text.sample("lintel_requests_total", {}, 0.25);
  EXPECT_EQ(text.text(),
            "# HELP lintel_requests_total Requests answered.\\nBy class.\n"
            "# TYPE lintel_requests_total counter\n"
            "lintel_requests_total{code=\"2xx\",route=\"a\\\"b\\\\c\\nd\"} 42\n"
            "lintel_requests_total 0.25\n");
}

TEST(PrometheusText, WritesHistogramsCumulatively) {
  PrometheusText text;
  const double bounds[] = {0.1, 1};
  const std::uint64_t counts[] = {3, 2, 1};
  text.histogram("lintel_request_duration_seconds", {{"protocol", "http1"}}, bounds, counts, 4.5);
  EXPECT_EQ(text.text(),
            "lintel_request_duration_seconds_bucket{protocol=\"http1\",le=\"0.1\"} 3\n"
            "lintel_request_duration_seconds_bucket{protocol=\"http1\",le=\"1\"} 5\n"
            "lintel_request_duration_seconds_bucket{protocol=\"http1\",le=\"+Inf\"} 6\n"
            "lintel_request_duration_seconds_sum{protocol=\"http1\"} 4.5\n"
            "lintel_request_duration_seconds_count{protocol=\"http1\"} 6\n");
}

}  // namespace
}  // namespace lintel::support
