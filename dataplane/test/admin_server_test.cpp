#include "lintel/dataplane/admin_server.h"

#include <gtest/gtest.h>

#include "test_http_client.h"

namespace lintel::dataplane {
namespace {

namespace http = testing::http;

TEST(AdminServer, RoutesRegisteredPathsAndAnswers404Otherwise) {
  int calls = 0;
  AdminHandlers handlers;
  handlers["/healthz"] = [&] {
    ++calls;
    return AdminResponse{200, "text/plain", "ok\n"};
  };
  handlers["/config_dump"] = [] { return AdminResponse{503, "application/json", "{}"}; };
  std::string error;
  auto server = AdminServer::start("127.0.0.1", 0, handlers, error);
  ASSERT_TRUE(server) << error;
  ASSERT_NE(server->port(), 0);

  auto response = testing::get_once(server->port(), "/healthz?verbose=1");
  EXPECT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.message.body(), "ok\n");
  EXPECT_EQ(response.header("Content-Type"), "text/plain");
  EXPECT_EQ(calls, 1);

  response = testing::get_once(server->port(), "/config_dump");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  EXPECT_EQ(response.message.body(), "{}");

  response = testing::get_once(server->port(), "/nope");
  EXPECT_EQ(response.status, 404);

  testing::TestConnection connection(server->port());
  auto post = testing::make_request(http::verb::post, "/healthz", "h");
  EXPECT_EQ(connection.send(post).status, 405);
  EXPECT_EQ(calls, 1);

  server->stop();
  server->stop();
  EXPECT_EQ(testing::get_once(server->port(), "/healthz").status, 0);
}

TEST(AdminServer, ReportsBindFailure) {
  std::string error;
  auto first = AdminServer::start("127.0.0.1", 0, {}, error);
  ASSERT_TRUE(first) << error;
  auto second = AdminServer::start("127.0.0.1", first->port(), {}, error);
  EXPECT_FALSE(second);
  EXPECT_NE(error.find("bind"), std::string::npos) << error;
  EXPECT_FALSE(AdminServer::start("localhost-ish", 0, {}, error));
}

}  // namespace
}  // namespace lintel::dataplane
