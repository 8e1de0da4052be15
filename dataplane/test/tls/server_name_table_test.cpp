#include "tls/server_name_table.h"

#include <gtest/gtest.h>

namespace lintel::dataplane::tls {
namespace {

snapshot::v1::TlsContext context_of(std::initializer_list<std::vector<std::string>> names,
                                    unsigned default_certificate) {
  snapshot::v1::TlsContext context;
  for (const auto& list : names) {
    auto* certificate = context.add_certificates();
    for (const auto& name : list) certificate->add_server_names(name);
  }
  context.set_default_certificate(default_certificate);
  return context;
}

TEST(ServerNameTable, ExactThenWildcardFromTheLongestSuffixThenDefault) {
  const ServerNameTable table(context_of(
      {{"a.example.com"}, {"*.example.com"}, {"*.b.example.com"}, {"fallback.test"}, {"*.com"}},
      3));
  EXPECT_EQ(table.certificate_for("a.example.com"), 0u);
  EXPECT_EQ(table.certificate_for("A.Example.COM"), 0u);
  EXPECT_EQ(table.certificate_for("c.example.com"), 1u);
  EXPECT_EQ(table.certificate_for("c.b.example.com"), 2u);
  EXPECT_EQ(table.certificate_for("c.d.example.com"), 1u);  // one label first, then shorter
  EXPECT_EQ(table.certificate_for("example.com"), 4u);
  EXPECT_EQ(table.certificate_for("example.org"), 3u);
  EXPECT_EQ(table.certificate_for(""), 3u);
  EXPECT_EQ(table.certificate_for("."), 3u);
  EXPECT_EQ(table.certificate_for("trailing."), 3u);
}

TEST(ServerNameTable, TheFirstCertificateToNameAHostWins) {
  const ServerNameTable table(
      context_of({{"a.example.com"}, {"a.example.com", "b.example.com"}}, 0));
  EXPECT_EQ(table.certificate_for("a.example.com"), 0u);
  EXPECT_EQ(table.certificate_for("b.example.com"), 1u);
}

}  // namespace
}  // namespace lintel::dataplane::tls
