#include "response_head.h"

#include <gtest/gtest.h>

#include <string>

namespace lintel::dataplane {
namespace {

http::response_header<> upstream_response(unsigned status, beast::string_view reason) {
  http::response_header<> response;
  response.result(status);
  response.reason(reason);
  response.insert("Content-Type", "text/plain");
  response.insert("Content-Length", "5");
  response.insert("X-Custom", "a, b");
  return response;
}

TEST(ResponseHead, KeepsTheFieldsInOrderWithTheirLengthAsReceived) {
  std::string out;
  write_response_head(upstream_response(200, "Fine"), ResponseFraming::kAsReceived, true, 11, out);
  EXPECT_EQ(out,
            "HTTP/1.1 200 Fine\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
            "X-Custom: a, b\r\n\r\n");
}

TEST(ResponseHead, ReframedBodiesLoseTheLengthAndSayHowTheyEnd) {
  std::string out;
  write_response_head(upstream_response(404, ""), ResponseFraming::kChunked, true, 11, out);
  EXPECT_EQ(out,
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nX-Custom: a, b\r\n"
            "Transfer-Encoding: chunked\r\n\r\n");
  write_response_head(upstream_response(200, "OK"), ResponseFraming::kClose, false, 10, out);
  EXPECT_EQ(out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Custom: a, b\r\n"
            "Connection: close\r\n\r\n");
}

TEST(ResponseHead, TellsAnHttp10ClientThatTheConnectionStays) {
  std::string out;
  write_response_head(upstream_response(204, "No Content"), ResponseFraming::kAsReceived, true, 10,
                      out);
  EXPECT_EQ(out,
            "HTTP/1.1 204 No Content\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
            "X-Custom: a, b\r\nConnection: keep-alive\r\n\r\n");
}

TEST(ResponseHead, ReusesItsBuffer) {
  std::string out;
  write_response_head(upstream_response(200, "OK"), ResponseFraming::kAsReceived, true, 11, out);
  const auto* data = out.data();
  write_response_head(upstream_response(201, "Created"), ResponseFraming::kAsReceived, true, 11,
                      out);
  EXPECT_EQ(out.data(), data);
  EXPECT_EQ(out.rfind("HTTP/1.1 201 Created\r\n", 0), 0u);
}

}  // namespace
}  // namespace lintel::dataplane
