// The reflector against a stand-in API server that speaks the real wire protocol over a real
// socket: paged lists, watches with bookmarks, 410 Gone, dropped watches and a restart.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kube/cluster_access.h"
#include "kube/reflector.h"
#include "lintel/gateway/v1/http_route.pb.h"
#include "test_api_server.h"

namespace lintel::controller::kube {
namespace {

using json = web::json::value;
using namespace std::chrono_literals;

const ResourceType kRoutes{"gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes"};

json route(const std::string& namespace_, const std::string& name, const std::string& host) {
  return json::parse(R"({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
    "metadata": {"name": ")" +
                     name + R"(", "namespace": ")" + namespace_ + R"("},
    "spec": {"hostnames": [")" +
                     host + R"("], "rules": [{"backendRefs": [{"name": "web", "port": 80}]}]}})");
}

std::string collection(const std::string& namespace_) {
  return kRoutes.collection_path(namespace_);
}

// Polls `condition` every 10 ms for at most 10 s.
template <typename Condition>
bool eventually(Condition condition) {
  for (int i = 0; i < 1000; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

std::string hostname_of(const Reflector& reflector, const std::string& name) {
  for (const auto& object : reflector.objects()) {
    const auto& schema_object = std::get<api::SchemaObject>(*object);
    const auto* typed = schema_object.as<gateway::v1::HTTPRoute>();
    if (typed && typed->metadata().name() == name && typed->spec().hostnames_size() > 0)
      return typed->spec().hostnames(0);
  }
  return "";
}

class ReflectorFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(server_.start(0, error)) << error;
    server_.set_bookmark_interval(100ms);
  }
  void TearDown() override {
    if (reflector_) reflector_->stop();
    if (thread_.joinable()) thread_.join();
    server_.stop();
  }
  void start(ReflectorOptions options = {}) {
    options.initial_backoff = 20ms;
    options.max_backoff = 200ms;
    ClusterAccess access;
    access.server = server_.url();
    client_ = std::make_unique<ApiClient>(access);
    reflector_ = std::make_unique<Reflector>(*client_, kRoutes, options, [this] { ++changes_; });
    thread_ = std::thread([this] { reflector_->run(); });
  }

  test::TestApiServer server_;
  std::unique_ptr<ApiClient> client_;
  std::unique_ptr<Reflector> reflector_;
  std::thread thread_;
  std::atomic<int> changes_{0};
};

TEST_F(ReflectorFixture, ListsEveryPageThenFollowsTheWatch) {
  for (int i = 0; i < 120; ++i)
    server_.apply(collection("apps"),
                  route("apps", "r" + std::to_string(1000 + i), "a.example.com"));
  ReflectorOptions options;
  options.page_size = 50;
  start(options);
  ASSERT_TRUE(eventually([&] { return reflector_->synced(); }));
  EXPECT_EQ(reflector_->objects().size(), 120u);
  EXPECT_EQ(server_.requests("GET /apis/gateway.networking.k8s.io/v1/httproutes?limit=50"), 3u);

  server_.apply(collection("apps"), route("apps", "r1000", "changed.example.com"));
  server_.apply(collection("apps"), route("apps", "new", "new.example.com"));
  server_.remove(collection("apps"), "apps", "r1001");
  ASSERT_TRUE(eventually([&] {
    return reflector_->objects().size() == 120u &&
           hostname_of(*reflector_, "r1000") == "changed.example.com" &&
           hostname_of(*reflector_, "new") == "new.example.com";
  }));
  EXPECT_EQ(hostname_of(*reflector_, "r1001"), "");
  EXPECT_EQ(reflector_->lists(), 1u);
}

TEST_F(ReflectorFixture, BookmarksMoveTheResourceVersionWithoutEvents) {
  start();
  ASSERT_TRUE(eventually([&] { return reflector_->synced(); }));
  const std::string listed = reflector_->resource_version();
  // A change to another kind moves the server's version; only a bookmark tells the reflector.
  server_.apply("/api/v1/namespaces/apps/services",
                json::parse(R"({"metadata": {"name": "web"}, "spec": {}})"));
  ASSERT_TRUE(eventually([&] { return reflector_->resource_version() != listed; }));
  EXPECT_EQ(reflector_->objects().size(), 0u);
}

TEST_F(ReflectorFixture, ResumesADroppedWatchWhereItStoppedWithoutListingAgain) {
  server_.apply(collection("apps"), route("apps", "a", "a.example.com"));
  start();
  ASSERT_TRUE(eventually([&] { return reflector_->synced(); }));
  server_.drop_watches();
  server_.apply(collection("apps"), route("apps", "b", "b.example.com"));
  ASSERT_TRUE(eventually([&] { return hostname_of(*reflector_, "b") == "b.example.com"; }));
  EXPECT_EQ(reflector_->lists(), 1u);
}

TEST_F(ReflectorFixture, ListsAgainAfter410GoneAndLosesNothing) {
  server_.apply(collection("apps"), route("apps", "a", "a.example.com"));
  start();
  ASSERT_TRUE(eventually([&] { return reflector_->synced(); }));
  server_.set_bookmark_interval(0ms);  // no bookmark may rescue the old version
  // The server restarts with its event history gone; what changed meanwhile comes by relist.
  server_.stop();
  server_.apply(collection("apps"), route("apps", "a", "moved.example.com"));
  server_.apply(collection("apps"), route("apps", "b", "b.example.com"));
  server_.compact();
  std::string error;
  ASSERT_TRUE(server_.start(server_.port(), error)) << error;
  ASSERT_TRUE(eventually([&] { return reflector_->lists() >= 2u; }));
  ASSERT_TRUE(eventually([&] {
    return hostname_of(*reflector_, "a") == "moved.example.com" &&
           hostname_of(*reflector_, "b") == "b.example.com";
  }));
}

TEST_F(ReflectorFixture, AnObjectLintelCannotReadIsReportedAndNotServed) {
  json bad = route("apps", "bad", "a.example.com");
  bad["spec"]["parentRef"] = json::string("typo");
  server_.apply(collection("apps"), bad);
  server_.apply(collection("apps"), route("apps", "good", "g.example.com"));
  start();
  ASSERT_TRUE(eventually([&] { return reflector_->synced(); }));
  EXPECT_EQ(reflector_->objects().size(), 1u);
  ASSERT_EQ(reflector_->decode_errors().size(), 1u);
  EXPECT_NE(reflector_->decode_errors()[0].find("unknown field \"spec.parentRef\""),
            std::string::npos)
      << reflector_->decode_errors()[0];
}

TEST_F(ReflectorFixture, StopsPromptlyInTheMiddleOfAWatch) {
  start();
  ASSERT_TRUE(eventually([&] { return reflector_->synced(); }));
  std::this_thread::sleep_for(50ms);
  const auto begin = std::chrono::steady_clock::now();
  reflector_->stop();
  thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
}

// A kubeconfig whose user reads its token from a file beside it, as kubectl resolves it.
TEST_F(ReflectorFixture, ReachesTheServerThroughAKubeconfigWithATokenFile) {
  server_.require_token("s3cret");
  server_.apply(collection("apps"), route("apps", "a", "a.example.com"));
  const auto folder =
      std::filesystem::temp_directory_path() / ("lintel-kubeconfig-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "token") << "s3cret\n";
  std::ofstream(folder / "config") << "apiVersion: v1\nkind: Config\ncurrent-context: test\n"
                                      "clusters:\n- name: local\n  cluster: {server: \""
                                   << server_.url()
                                   << "\"}\nusers:\n- name: lintel\n  user: {tokenFile: token}\n"
                                      "contexts:\n- name: test\n  context: {cluster: local, user: "
                                      "lintel, namespace: apps}\n";
  std::string error;
  auto access = access_from_kubeconfig((folder / "config").string(), "", error);
  ASSERT_TRUE(access) << error;
  EXPECT_EQ(access->namespace_, "apps");
  EXPECT_EQ(access->access.token_file, (folder / "token").string());
  ApiClient client(access->access);
  EXPECT_EQ(client.get(collection("apps")).status, 200);
  // The kubelet rotates the token: the next request reads the new one.
  std::ofstream(folder / "token") << "rotated";
  EXPECT_EQ(client.get(collection("apps")).status, 401);
  server_.require_token("rotated");
  EXPECT_EQ(client.get(collection("apps")).status, 200);
  std::filesystem::remove_all(folder);
}

TEST(ClusterAccess, SaysWhatIsWrongWithAKubeconfig) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("lintel-kubeconfig-bad-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto write = [&](const std::string& text) {
    std::ofstream((folder / "config").string(), std::ios::trunc) << text;
    std::string error;
    EXPECT_FALSE(access_from_kubeconfig((folder / "config").string(), "", error));
    return error.substr(error.find(": ") + 2);
  };
  EXPECT_EQ(write("clusters: []\n"),
            "no current-context, and no context was chosen (--kube-context)");
  EXPECT_EQ(write("current-context: x\n"), "context \"x\" does not exist");
  EXPECT_EQ(write("current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\n"),
            "context \"x\" names cluster \"c\", which does not exist");
  EXPECT_EQ(write("current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n"
                  "clusters: [{name: c, cluster: {server: \"https://k:6443\"}}]\n"
                  "users: [{name: u, user: {exec: {command: aws}}}]\n"),
            "user \"u\" authenticates with an exec plugin, which Lintel does not run; give it a "
            "token, a tokenFile or a client certificate (for example a service account's token)");
  EXPECT_EQ(write("clusters: [{name: c, cluster: {certificate-authority-data: \"!!\"}}]\n"),
            "clusters[0].cluster.certificate-authority-data: illegal base64 data at input byte 0");
  EXPECT_EQ(write("clusters: [{cluster: {}}]\n"), "clusters[0].name: Required value");
  std::filesystem::remove_all(folder);
}

TEST(ResourceType, AClusterScopedKindIsListedWithoutANamespace) {
  const ResourceType classes{"gateway.networking.k8s.io/v1", "GatewayClass", "gatewayclasses",
                             false};
  EXPECT_EQ(classes.collection_path("apps"), "/apis/gateway.networking.k8s.io/v1/gatewayclasses");
  EXPECT_EQ(kRoutes.collection_path("apps"),
            "/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes");
  const ResourceType services{"v1", "Service", "services"};
  EXPECT_EQ(services.collection_path(), "/api/v1/services");
}

TEST_F(ReflectorFixture, WatchesOneNamespaceWhenAsked) {
  server_.apply(collection("apps"), route("apps", "mine", "a.example.com"));
  server_.apply(collection("other"), route("other", "theirs", "b.example.com"));
  ReflectorOptions options;
  options.namespace_ = "apps";
  start(options);
  ASSERT_TRUE(eventually([&] { return reflector_->synced(); }));
  server_.apply(collection("other"), route("other", "later", "c.example.com"));
  server_.apply(collection("apps"), route("apps", "new", "d.example.com"));
  ASSERT_TRUE(eventually([&] { return hostname_of(*reflector_, "new") == "d.example.com"; }));
  EXPECT_EQ(reflector_->objects().size(), 2u);
  EXPECT_EQ(hostname_of(*reflector_, "theirs"), "");
  EXPECT_EQ(hostname_of(*reflector_, "later"), "");
}

TEST(ClusterAccess, InClusterNeedsTheServiceEnvironment) {
  ::unsetenv("KUBERNETES_SERVICE_HOST");
  std::string error;
  EXPECT_FALSE(access_in_cluster(error));
  EXPECT_EQ(error,
            "not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
}

}  // namespace
}  // namespace lintel::controller::kube
