#include "lintel/dataplane/echo_server.h"

#include <gtest/gtest.h>

#include <chrono>

#include "canonical_header_name.h"
#include "go_duration.h"
#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

using testing::make_request;
using testing::TestConnection;
namespace http = testing::http;
using testing::tcp;

std::unique_ptr<EchoServer> start_echo(const std::string& name = "infra-backend-v1") {
  EchoOptions options;
  options.name = name;
  options.pod = name + "-pod-1";
  options.namespace_ = "gateway-conformance-infra";
  options.listen = "127.0.0.1:0";
  options.workers = 2;
  options.log_requests = false;
  std::string error;
  auto server = EchoServer::start(options, error);
  EXPECT_TRUE(server) << error;
  return server;
}

TEST(GoDuration, ParsesTheFormsTheSuiteUses) {
  using std::chrono::nanoseconds;
  EXPECT_EQ(parse_go_duration("500ms"), nanoseconds(500'000'000));
  EXPECT_EQ(parse_go_duration("1s"), nanoseconds(1'000'000'000));
  EXPECT_EQ(parse_go_duration("1.5s"), nanoseconds(1'500'000'000));
  EXPECT_EQ(parse_go_duration("1m30s"), nanoseconds(90'000'000'000));
  EXPECT_EQ(parse_go_duration("0"), nanoseconds(0));
  EXPECT_FALSE(parse_go_duration("5"));
  EXPECT_FALSE(parse_go_duration("-1s"));
  EXPECT_FALSE(parse_go_duration("1x"));
  EXPECT_FALSE(parse_go_duration(""));
}

TEST(CanonicalHeaderName, MatchesGo) {
  EXPECT_EQ(canonical_header_name("x-forwarded-for"), "X-Forwarded-For");
  EXPECT_EQ(canonical_header_name("USER-AGENT"), "User-Agent");
  EXPECT_EQ(canonical_header_name("a b"), "a b");
}

TEST(EchoServer, EchoesTheRequestAsJson) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  TestConnection connection(server->port());
  auto request = make_request(http::verb::get, "/v2/example?x=1&y=%22", "example.com:8080");
  request.insert("x-forwarded-for", "10.0.0.7");
  request.insert("X-Multi", "one");
  request.insert("x-multi", "two");
  request.insert("X-Quote", "say \"hi\" \\ there");
  const auto response = connection.send(request);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
  const std::string& body = response.message.body();
  EXPECT_NE(body.find("\"path\": \"/v2/example?x=1&y=%22\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"host\": \"example.com:8080\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"method\": \"GET\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"proto\": \"HTTP/1.1\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Forwarded-For\": [\"10.0.0.7\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Multi\": [\"one\", \"two\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"X-Quote\": [\"say \\\"hi\\\" \\\\ there\"]"), std::string::npos) << body;
  EXPECT_NE(body.find("\"User-Agent\": [\"lintel-test\"]"), std::string::npos) << body;
  EXPECT_EQ(body.find("\"Host\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"namespace\": \"gateway-conformance-infra\""), std::string::npos);
  EXPECT_NE(body.find("\"ingress\": \"\""), std::string::npos);
  EXPECT_NE(body.find("\"service\": \"infra-backend-v1\""), std::string::npos);
  EXPECT_NE(body.find("\"pod\": \"infra-backend-v1-pod-1\""), std::string::npos);
  EXPECT_NE(body.find("\"httpPort\": \"" + std::to_string(server->port()) + "\""),
            std::string::npos);
  server->stop();
}

TEST(EchoServer, Http10RequestIsReportedAndClosed) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  TestConnection connection(server->port());
  ASSERT_TRUE(connection.write_raw("GET /old HTTP/1.0\r\nHost: h\r\n\r\n"));
  const auto response = connection.read();
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_NE(response.message.body().find("\"proto\": \"HTTP/1.0\""), std::string::npos);
  EXPECT_TRUE(connection.closed_by_peer());
}

TEST(EchoServer, StatusPathAnswersThatStatus) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  auto response = testing::get_once(server->port(), "/status/418");
  EXPECT_EQ(response.status, 418);
  EXPECT_TRUE(response.message.body().empty());
  response = testing::get_once(server->port(), "/status/42");
  EXPECT_EQ(response.status, 400);
  response = testing::get_once(server->port(), "//status/503");
  EXPECT_EQ(response.status, 503);
  response = testing::get_once(server->port(), "/health");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.message.body(), "OK");
}

TEST(EchoServer, SetsHeadersFromXEchoSetHeader) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  TestConnection connection(server->port());
  auto request = make_request(http::verb::get, "/", "h");
  request.set("X-Echo-Set-Header", "X-Header-Set:set, X-Other:1,X-Other:2,");
  const auto response = connection.send(request);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.header("X-Header-Set"), "set");
  EXPECT_EQ(response.header("X-Other"), "1,2");
  EXPECT_NE(response.message.body().find("\"X-Echo-Set-Header\""), std::string::npos);
}

TEST(EchoServer, KeepsTheConnectionAliveAcrossRequests) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  TestConnection connection(server->port());
  auto first = connection.send(make_request(http::verb::get, "/one", "h"));
  ASSERT_EQ(first.status, 200) << first.error;
  auto request = make_request(http::verb::post, "/two", "h");
  request.body() = std::string(100000, 'x');
  auto second = connection.send(request);
  ASSERT_EQ(second.status, 200) << second.error;
  EXPECT_NE(second.message.body().find("\"path\": \"/two\""), std::string::npos);
  EXPECT_NE(second.message.body().find("\"method\": \"POST\""), std::string::npos);
}

TEST(EchoServer, DelayWaitsWithoutBlockingOtherRequests) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  TestConnection slow(server->port());
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(slow.write_raw("GET /?delay=400ms HTTP/1.1\r\nHost: h\r\n\r\n"));
  // One worker per connection is not guaranteed, so this checks the timer, not the thread.
  auto fast = testing::get_once(server->port(), "/fast");
  EXPECT_EQ(fast.status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(350));
  auto delayed = slow.read();
  EXPECT_EQ(delayed.status, 200) << delayed.error;
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(400));
}

TEST(EchoServer, RejectsOversizedBodies) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  TestConnection connection(server->port());
  ASSERT_TRUE(
      connection.write_raw("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 17000000\r\n\r\n"));
  const auto response = connection.read();
  EXPECT_EQ(response.status, 413) << response.error;
}

TEST(EchoServer, ReportsAPortInUse) {
  boost::asio::io_context io;
  tcp::acceptor blocker(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  EchoOptions options;
  options.name = "x";
  options.listen = "127.0.0.1:" + std::to_string(blocker.local_endpoint().port());
  options.log_requests = false;
  std::string error;
  EXPECT_FALSE(EchoServer::start(options, error));
  EXPECT_NE(error.find("bind"), std::string::npos) << error;
  options.listen = "nonsense";
  EXPECT_FALSE(EchoServer::start(options, error));
  EXPECT_NE(error.find("HOST:PORT"), std::string::npos) << error;
}

TEST(EchoServer, StopIsIdempotent) {
  auto server = start_echo();
  ASSERT_TRUE(server);
  server->stop();
  server->stop();
  EXPECT_EQ(testing::get_once(server->port(), "/").status, 0);
}

}  // namespace
}  // namespace lintel::dataplane
