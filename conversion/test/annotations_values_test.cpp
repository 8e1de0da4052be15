#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "annotations/annotation_catalog.h"
#include "annotations/annotation_values.h"

namespace lintel::conversion::annotations {
namespace {

TEST(AnnotationValues, BooleansAreGoParseBool) {
  EXPECT_EQ(parse_bool("true").value, true);
  EXPECT_EQ(parse_bool(" False ").value, false);
  EXPECT_EQ(parse_bool("1").value, true);
  EXPECT_FALSE(parse_bool("yes").value);
  EXPECT_EQ(parse_bool("yes").error, "must be \"true\" or \"false\"");
}

TEST(AnnotationValues, IntegersAreWholeAndInRange) {
  EXPECT_EQ(parse_integer("120", 1, 99999).value, 120);
  EXPECT_FALSE(parse_integer("60s", 1, 99999).value);
  EXPECT_FALSE(parse_integer("0", 1, 99999).value);
  EXPECT_FALSE(parse_integer("", 1, 99999).value);
  EXPECT_EQ(parse_integer("x", 1, 5).error, "must be a whole number from 1 to 5");
}

TEST(AnnotationValues, NginxSizes) {
  EXPECT_EQ(parse_nginx_size("8m").value, 8u * 1024 * 1024);
  EXPECT_EQ(parse_nginx_size("16K").value, 16u * 1024);
  EXPECT_EQ(parse_nginx_size("0").value, 0u);
  EXPECT_EQ(parse_nginx_size("1000").value, 1000u);
  EXPECT_FALSE(parse_nginx_size("8mb").value);
  EXPECT_FALSE(parse_nginx_size("m").value);
  EXPECT_FALSE(parse_nginx_size("99999999999999999999g").value);
}

TEST(AnnotationValues, AbsoluteUrls) {
  auto url = parse_absolute_url("HTTPS://WWW.Example.org:8443/new/place?x=1#top");
  ASSERT_TRUE(url.value);
  EXPECT_EQ(url.value->scheme, "https");
  EXPECT_EQ(url.value->host, "www.example.org");
  EXPECT_EQ(url.value->port, 8443);
  EXPECT_EQ(url.value->path, "/new/place");
  EXPECT_EQ(url.value->query, "x=1");
  EXPECT_EQ(parse_absolute_url("http://a.example").value->path, "");
  EXPECT_FALSE(parse_absolute_url("/relative").value);
  EXPECT_FALSE(parse_absolute_url("ftp://a.example/").value);
  EXPECT_FALSE(parse_absolute_url("http://user@a.example/").value);
  EXPECT_FALSE(parse_absolute_url("http://a.example:99999/").value);
  EXPECT_FALSE(parse_absolute_url("http://$host/").value);
}

TEST(AnnotationValues, CidrLists) {
  auto cidrs = parse_cidr_list("10.0.0.0/8, 192.168.1.1 ,2001:db8::/32");
  ASSERT_TRUE(cidrs.value);
  ASSERT_EQ(cidrs.value->size(), 3u);
  EXPECT_EQ((*cidrs.value)[1].prefix_length, 32);
  EXPECT_TRUE((*cidrs.value)[2].ipv6);
  EXPECT_EQ(parse_cidr_list("10.0.0.0/33").error, "\"10.0.0.0/33\" has an invalid prefix length");
  EXPECT_FALSE(parse_cidr_list("10.0.0/8").value);
  EXPECT_FALSE(parse_cidr_list(" , ").value);
}

TEST(AnnotationValues, ErrorCodesAndNames) {
  EXPECT_EQ(parse_error_codes("404, 503").value->size(), 2u);
  EXPECT_FALSE(parse_error_codes("200").value);
  EXPECT_TRUE(is_header_name("X-Canary"));
  EXPECT_FALSE(is_header_name("X Canary"));
  EXPECT_TRUE(is_dns_hostname("internal.example.local"));
  EXPECT_FALSE(is_dns_hostname("Upper.example"));
  EXPECT_FALSE(is_dns_hostname("a..b"));
}

TEST(AnnotationCatalog, NamesAreUniqueAndFound) {
  const auto& catalog = annotation_catalog();
  EXPECT_GE(catalog.size(), 130u);
  for (std::size_t i = 1; i < catalog.size(); ++i) EXPECT_LT(catalog[i - 1].name, catalog[i].name);
  EXPECT_EQ(find_annotation("rewrite-target")->handling, Handling::kApproximated);
  EXPECT_EQ(find_annotation("server-snippet")->handling, Handling::kSnippet);
  EXPECT_EQ(find_annotation("no-such-annotation"), nullptr);
}

}  // namespace
}  // namespace lintel::conversion::annotations

namespace lintel::conversion::annotations {
namespace {

// conversion/ANNOTATIONS.md's table is the catalog's, row for row.
TEST(AnnotationCatalog, DocsTableIsCurrent) {
  const std::string path = std::string(LINTEL_CONVERSION_DIR) + "/ANNOTATIONS.md";
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string doc = text.str();
  const std::string begin = "<!-- begin annotation table -->\n";
  const std::string end = "<!-- end annotation table -->";
  auto from = doc.find(begin);
  auto to = doc.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  from += begin.size();
  std::string table = annotation_table_markdown();
  if (std::getenv("LINTEL_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << doc.substr(0, from) + table + doc.substr(to);
    return;
  }
  EXPECT_EQ(doc.substr(from, to - from), table);
}

}  // namespace
}  // namespace lintel::conversion::annotations
