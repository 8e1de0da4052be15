// The proxy's HTTP/1.1 request path on real sockets: streamed bodies both ways, Expect, the
// status codes of refused requests, pipelining, and what the upstream receives.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "lintel/dataplane/proxy_server.h"
#include "one_route_snapshot.h"
#include "raw_upstream.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

namespace http = testing::http;
using testing::make_request;
using testing::RawUpstream;
using testing::TestConnection;

std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string out(size, '\0');
  for (auto& c : out) c = static_cast<char>(random());
  return out;
}

std::string chunked(const std::string& body, std::size_t piece) {
  std::string out;
  char line[32];
  for (std::size_t at = 0; at < body.size(); at += piece) {
    const auto size = std::min(piece, body.size() - at);
    std::snprintf(line, sizeof(line), "%zx;ext=1\r\n", size);
    out += line;
    out.append(body, at, size);
    out += "\r\n";
  }
  return out + "0\r\nTrailer-Field: x\r\n\r\n";
}

struct Http1ProxyFixture : ::testing::Test {
  void SetUp() override {
    ProxyOptions options;
    options.bind_address = "127.0.0.1";
    options.workers = 1;
    options.upstream_timeout = std::chrono::milliseconds(3000);
    options.shutdown_grace = std::chrono::milliseconds(200);
    proxy = ProxyServer::create(options);
    std::string error;
    for (int attempt = 0; attempt < 5; ++attempt) {
      port = testing::free_port();
      if (proxy->apply(testing::one_route_snapshot(port, "raw", upstream.port()), error)) return;
    }
    FAIL() << error;
  }
  void TearDown() override {
    if (proxy) proxy->stop();
  }
  // The status line of the one answer to `bytes`, and whether the proxy closed afterwards.
  std::pair<int, bool> answer_to(const std::string& bytes) {
    TestConnection connection(port);
    EXPECT_TRUE(connection.write_raw(bytes));
    const auto response = connection.read();
    return {response.status, response.status != 0 && connection.closed_by_peer()};
  }

  RawUpstream upstream;
  std::unique_ptr<ProxyServer> proxy;
  std::uint16_t port = 0;
};

TEST_F(Http1ProxyFixture, StreamsAChunkedBodyIntactAndRechunked) {
  const std::string body = random_bytes(300 * 1024, 1);
  TestConnection connection(port);
  ASSERT_TRUE(connection.write_raw(
      "POST /up HTTP/1.1\r\nHost: a.example.com\r\nTransfer-Encoding: chunked\r\n\r\n" +
      chunked(body, 7000)));
  const auto response = connection.read();
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_TRUE(response.message.body() == body);
  const auto heads = upstream.heads();
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_NE(heads[0].find("Transfer-Encoding: chunked\r\n"), std::string::npos) << heads[0];
  EXPECT_EQ(heads[0].find("Content-Length"), std::string::npos) << heads[0];
  // The connection carries on after a streamed body.
  EXPECT_EQ(connection.send(make_request(http::verb::get, "/next", "a.example.com")).status, 200);
}

TEST_F(Http1ProxyFixture, StreamsALongContentLengthBodyAndKeepsTheConnection) {
  const std::string body = random_bytes(900 * 1024, 2);
  TestConnection connection(port);
  auto request = make_request(http::verb::put, "/big", "a.example.com");
  request.body() = body;
  const auto response = connection.send(request);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_TRUE(response.message.body() == body);
  EXPECT_EQ(connection.send(make_request(http::verb::get, "/next", "a.example.com")).status, 200);
}

TEST_F(Http1ProxyFixture, SendsContinueOnlyWhenTheBodyIsNeeded) {
  TestConnection connection(port);
  ASSERT_TRUE(connection.write_raw(
      "POST /c HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  EXPECT_EQ(connection.read().status, 100);
  ASSERT_TRUE(connection.write_raw("hello"));
  const auto response = connection.read();
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.message.body(), "hello");
  const auto heads = upstream.heads();
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0].find("Expect"), std::string::npos) << "this hop answered it";
}

TEST_F(Http1ProxyFixture, AnswersPipelinedRequestsInOrder) {
  TestConnection connection(port);
  ASSERT_TRUE(connection.write_raw(
      "POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\none"
      "POST /2 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
      "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n"));
  EXPECT_EQ(connection.read().message.body(), "one");
  EXPECT_EQ(connection.read().message.body(), "two");
  EXPECT_EQ(connection.read().status, 200);
}

TEST_F(Http1ProxyFixture, AnHttp10KeepAliveClientIsToldTheConnectionStays) {
  TestConnection connection(port);
  ASSERT_TRUE(connection.write_raw("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const auto first = connection.read();
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.header("Connection"), "keep-alive");
  ASSERT_TRUE(connection.write_raw("GET /b HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(connection.read().status, 200);
  EXPECT_TRUE(connection.closed_by_peer());
}

TEST_F(Http1ProxyFixture, ReframesChunkedAndCloseDelimitedResponses) {
  TestConnection connection(port);
  const auto chunked = connection.send(make_request(http::verb::get, "/chunked", "a"));
  ASSERT_EQ(chunked.status, 200) << chunked.error;
  EXPECT_EQ(chunked.message.body(), "chunky body");
  EXPECT_EQ(chunked.header("Transfer-Encoding"), "chunked");
  // An HTTP/1.1 client keeps its connection, whatever the upstream's did.
  const auto close = connection.send(make_request(http::verb::get, "/close", "a"));
  ASSERT_EQ(close.status, 200) << close.error;
  EXPECT_EQ(close.message.body(), "until the end");
  EXPECT_EQ(close.header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(connection.send(make_request(http::verb::get, "/next", "a")).status, 200);

  // HTTP/1.0 has no chunked coding: the end of the connection ends the body.
  TestConnection old(port);
  ASSERT_TRUE(old.write_raw("GET /chunked HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const auto delimited = old.read();
  ASSERT_EQ(delimited.status, 200) << delimited.error;
  EXPECT_EQ(delimited.message.body(), "chunky body");
  EXPECT_EQ(delimited.header("Connection"), "close");
  EXPECT_TRUE(old.closed_by_peer());
}

TEST_F(Http1ProxyFixture, ForwardsEndToEndFieldsOnly) {
  TestConnection connection(port);
  ASSERT_TRUE(connection.write_raw(
      "GET /h HTTP/1.1\r\nHost: shop.example.com\r\nConnection: keep-alive, X-Secret\r\n"
      "X-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nX-Forwarded-For: 203.0.113.9\r\n"
      "X-Forwarded-Proto: https\r\nX-Request-Id: given\r\nX-Kept: k\r\n\r\n"));
  ASSERT_EQ(connection.read().status, 200);
  const auto heads = upstream.heads();
  ASSERT_EQ(heads.size(), 1u);
  const auto& head = heads[0];
  EXPECT_EQ(head.rfind("GET /h HTTP/1.1\r\n", 0), 0u) << head;
  for (const char* gone : {"X-Secret", "Keep-Alive", "TE:", "Connection", "https"}) {
    EXPECT_EQ(head.find(gone), std::string::npos) << gone << " in " << head;
  }
  for (const char* kept :
       {"Host: shop.example.com\r\n", "X-Kept: k\r\n",
        "X-Forwarded-For: 203.0.113.9, 127.0.0.1\r\n", "X-Forwarded-Proto: http\r\n",
        "X-Forwarded-Host: shop.example.com\r\n", "X-Request-Id: given\r\n"}) {
    EXPECT_NE(head.find(kept), std::string::npos) << kept << " not in " << head;
  }
}

TEST_F(Http1ProxyFixture, RefusedRequestsGetTheirStatusAndAClose) {
  const std::string long_target(9000, 'a');
  EXPECT_EQ(answer_to("GET /" + long_target + " HTTP/1.1\r\nHost: a\r\n\r\n"),
            std::make_pair(414, true));
  EXPECT_EQ(
      answer_to("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(70000, 'b') + "\r\n\r\n"),
      std::make_pair(431, true));
  EXPECT_EQ(answer_to("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\n\r\n"),
            std::make_pair(413, true));
  EXPECT_EQ(answer_to("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            std::make_pair(400, true));
  EXPECT_EQ(
      answer_to("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx"),
      std::make_pair(400, true));
  EXPECT_EQ(answer_to("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n"), std::make_pair(400, true));
  EXPECT_EQ(answer_to("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"),
            std::make_pair(501, true));
  // Framing errors inside a chunked body, found while it streams.
  EXPECT_EQ(answer_to("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\nabcX\r\n0\r\n\r\n"),
            std::make_pair(400, true));
  const std::string big = chunked(std::string(1100 * 1024, 'z'), 64 * 1024);
  EXPECT_EQ(answer_to("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + big),
            std::make_pair(413, true));
}

TEST_F(Http1ProxyFixture, GarbageNeverCrashesTheProxy) {
  std::mt19937 random(7);
  const std::string valid =
      "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n";
  for (int i = 0; i < 200; ++i) {
    std::string bytes = valid;
    // Flip, drop or cut a few bytes of a valid request.
    for (int edits = 0; edits < 3; ++edits) {
      const auto at = random() % bytes.size();
      switch (random() % 3) {
        case 0:
          bytes[at] = static_cast<char>(random());
          break;
        case 1:
          bytes.erase(at, 1);
          break;
        default:
          bytes.resize(at + 1);
          break;
      }
    }
    TestConnection connection(port);
    connection.write_raw(bytes);
    connection.shutdown_send();
    connection.closed_by_peer();
  }
  EXPECT_EQ(testing::get_once(port, "/after", "a").status, 200);
}

}  // namespace
}  // namespace lintel::dataplane
