#include "http2/request_head_builder.h"

#include <gtest/gtest.h>

#include "http1/request_parser.h"

namespace lintel::dataplane::http2 {
namespace {

TEST(RequestHeadBuilder, PseudoFieldsMakeTheRequestLineAndHost) {
  RequestHeadBuilder builder(64 * 1024);
  builder.add(":method", "GET");
  builder.add(":scheme", "https");
  builder.add(":authority", "zoo.example.com");
  builder.add(":path", "/a/b?c=d");
  builder.add("accept", "*/*");
  EXPECT_EQ(builder.finish(false),
            "GET /a/b?c=d HTTP/1.1\r\nhost: zoo.example.com\r\naccept: */*\r\n\r\n");
}

TEST(RequestHeadBuilder, AuthorityWinsOverAHostField) {
  RequestHeadBuilder builder(64 * 1024);
  builder.add(":method", "GET");
  builder.add(":path", "/");
  builder.add(":authority", "a.example.com");
  builder.add("host", "b.example.com");
  EXPECT_EQ(builder.finish(false), "GET / HTTP/1.1\r\nhost: a.example.com\r\n\r\n");
}

TEST(RequestHeadBuilder, HostFieldServesWhenThereIsNoAuthority) {
  RequestHeadBuilder builder(64 * 1024);
  builder.add(":method", "GET");
  builder.add(":path", "/");
  builder.add("host", "b.example.com");
  EXPECT_EQ(builder.finish(false), "GET / HTTP/1.1\r\nhost: b.example.com\r\n\r\n");
}

TEST(RequestHeadBuilder, SplitCookiesAreJoined) {
  RequestHeadBuilder builder(64 * 1024);
  builder.add(":method", "GET");
  builder.add(":path", "/");
  builder.add(":authority", "a");
  builder.add("cookie", "a=1");
  builder.add("cookie", "b=2");
  EXPECT_EQ(builder.finish(false), "GET / HTTP/1.1\r\nhost: a\r\ncookie: a=1; b=2\r\n\r\n");
}

TEST(RequestHeadBuilder, ABodyWithoutLengthIsChunked) {
  RequestHeadBuilder builder(64 * 1024);
  builder.add(":method", "POST");
  builder.add(":path", "/up");
  builder.add(":authority", "a");
  EXPECT_EQ(builder.finish(true),
            "POST /up HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n");
}

TEST(RequestHeadBuilder, ABodyWithLengthKeepsIt) {
  RequestHeadBuilder builder(64 * 1024);
  builder.add(":method", "POST");
  builder.add(":path", "/up");
  builder.add(":authority", "a");
  builder.add("content-length", "5");
  const std::string head = builder.finish(true);
  EXPECT_EQ(head, "POST /up HTTP/1.1\r\nhost: a\r\ncontent-length: 5\r\n\r\n");
  http1::RequestParser parser;
  ASSERT_EQ(parser.parse(head).status, http1::ParseStatus::kComplete);
  EXPECT_EQ(parser.head().body_framing(), http1::BodyFraming::kContentLength);
  EXPECT_EQ(parser.head().content_length(), 5u);
}

TEST(RequestHeadBuilder, FieldsPastTheLimitAreDroppedAndSaidSo) {
  RequestHeadBuilder builder(100);
  builder.add(":method", "GET");
  builder.add(":path", "/");
  EXPECT_FALSE(builder.too_large());
  builder.add("x-big", std::string(100, 'x'));
  EXPECT_TRUE(builder.too_large());
}

TEST(RequestHeadBuilder, BadBytesInAValueAreLeftForTheStrictParserToRefuse) {
  // nghttp2 refuses CR, LF and NUL in values before this (RFC 9113 §8.2.1); should one pass,
  // the HTTP/1.1 parser that every request goes through refuses the head.
  RequestHeadBuilder builder(64 * 1024);
  builder.add(":method", "GET");
  builder.add(":path", "/");
  builder.add(":authority", "a");
  builder.add("x-smuggle", std::string("a\nx-injected: 1", 16));
  http1::RequestParser parser;
  EXPECT_EQ(parser.parse(builder.finish(false)).status, http1::ParseStatus::kError);
}

}  // namespace
}  // namespace lintel::dataplane::http2
