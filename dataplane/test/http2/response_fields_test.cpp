#include "http2/response_fields.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace lintel::dataplane::http2 {
namespace {

std::vector<std::pair<std::string, std::string>> pairs_of(const ResponseFields& fields) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const nghttp2_nv& nv = fields.data()[i];
    out.emplace_back(std::string(reinterpret_cast<const char*>(nv.name), nv.namelen),
                     std::string(reinterpret_cast<const char*>(nv.value), nv.valuelen));
  }
  return out;
}

TEST(ResponseFields, StatusFirstThenLowerCaseNames) {
  http::fields fields;
  fields.set("Content-Type", "text/plain");
  fields.set("X-Custom-Thing", "Value Kept");
  const ResponseFields response(204, fields);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {":status", "204"}, {"content-type", "text/plain"}, {"x-custom-thing", "Value Kept"}};
  EXPECT_EQ(pairs_of(response), expected);
}

TEST(ResponseFields, ConnectionSpecificFieldsAreLeftOut) {
  http::fields fields;
  fields.set("Connection", "keep-alive");
  fields.set("Keep-Alive", "timeout=5");
  fields.set("Transfer-Encoding", "chunked");
  fields.set("Upgrade", "websocket");
  fields.set("Content-Length", "3");
  const ResponseFields response(200, fields);
  const std::vector<std::pair<std::string, std::string>> expected = {{":status", "200"},
                                                                     {"content-length", "3"}};
  EXPECT_EQ(pairs_of(response), expected);
}

TEST(ResponseFields, AnImpossibleStatusBecomes500) {
  const ResponseFields response(1234, http::fields());
  EXPECT_EQ(pairs_of(response).front().second, "500");
}

}  // namespace
}  // namespace lintel::dataplane::http2
