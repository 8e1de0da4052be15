// Leader election on a Lease held by the test API server: one leader at a time, a hand-over on
// stop, a leader that cannot renew stops leading before its lease runs out, and a crashed
// leader's lease is taken once it has run out.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "kube/leader_election.h"
#include "test_api_server.h"

namespace lintel::controller::kube {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = 10s) {
  for (auto end = Clock::now() + limit; Clock::now() < end; std::this_thread::sleep_for(10ms))
    if (condition()) return true;
  return condition();
}

struct Replica {
  Replica(const std::string& url, const std::string& identity, bool release = true) {
    ClusterAccess access;
    access.server = url;
    client = std::make_unique<ApiClient>(access);
    LeaderElectionOptions options;
    options.identity = identity;
    options.lease_duration = 800ms;
    options.renew_deadline = 500ms;
    options.retry_period = 100ms;
    options.release_on_stop = release;
    elector = std::make_unique<LeaderElector>(*client, options);
    thread = std::thread([this] { elector->run(); });
  }
  ~Replica() { stop(); }
  void stop() {
    elector->stop();
    if (thread.joinable()) thread.join();
  }
  std::unique_ptr<ApiClient> client;
  std::unique_ptr<LeaderElector> elector;
  std::thread thread;
};

class LeaderElectionFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(server_.start(0, error)) << error;
  }
  test::TestApiServer server_;
};

TEST_F(LeaderElectionFixture, OneReplicaLeadsAndHandsOverOnStop) {
  Replica a(server_.url(), "a"), b(server_.url(), "b");
  ASSERT_TRUE(eventually([&] { return a.elector->leading() != b.elector->leading(); }));
  // It stays that way: never two leaders, for several renewals.
  for (int i = 0; i < 30; ++i) {
    EXPECT_FALSE(a.elector->leading() && b.elector->leading());
    std::this_thread::sleep_for(20ms);
  }
  Replica& leader = a.elector->leading() ? a : b;
  Replica& follower = a.elector->leading() ? b : a;
  const auto stopped = Clock::now();
  leader.stop();
  ASSERT_TRUE(eventually([&] { return follower.elector->leading(); }));
  // Released: no need to wait out the lease.
  EXPECT_LT(Clock::now() - stopped, 800ms);
  auto lease = server_.get("/apis/coordination.k8s.io/v1/namespaces/lintel-system/leases",
                           "lintel-system", "lintel-controller");
  ASSERT_TRUE(lease);
  EXPECT_EQ(lease->at("spec").at("leaseTransitions").as_integer(), 1);
}

TEST_F(LeaderElectionFixture, ACrashedLeadersLeaseIsTakenOnceItRunsOut) {
  auto crashed = std::make_unique<Replica>(server_.url(), "crashed", /*release=*/false);
  ASSERT_TRUE(eventually([&] { return crashed->elector->leading(); }));
  crashed->stop();  // no release: as if the process died
  const auto died = Clock::now();
  Replica next(server_.url(), "next");
  ASSERT_TRUE(eventually([&] { return next.elector->leading(); }));
  EXPECT_GE(Clock::now() - died, 800ms);
}

TEST_F(LeaderElectionFixture, ALeaderThatCannotRenewStopsLeadingBeforeItsLeaseRunsOut) {
  Replica a(server_.url(), "a");
  ASSERT_TRUE(eventually([&] { return a.elector->leading(); }));
  const std::uint16_t port = server_.port();
  server_.stop();
  const auto cut = Clock::now();
  ASSERT_TRUE(eventually([&] { return !a.elector->leading(); }));
  // Renew deadline (500 ms) plus one retry, well inside the lease (800 ms) another would wait.
  EXPECT_LT(Clock::now() - cut, 800ms);
  std::string error;
  ASSERT_TRUE(server_.start(port, error)) << error;
  ASSERT_TRUE(eventually([&] { return a.elector->leading(); }));
}

TEST_F(LeaderElectionFixture, ALeaderStopsLeadingWhenTheApiServerHangs) {
  Replica a(server_.url(), "a");
  ASSERT_TRUE(eventually([&] { return a.elector->leading(); }));
  server_.stall(true);
  const auto hung = Clock::now();
  ASSERT_TRUE(eventually([&] { return !a.elector->leading(); }));
  EXPECT_LT(Clock::now() - hung, 800ms);
  server_.stall(false);
  ASSERT_TRUE(eventually([&] { return a.elector->leading(); }));
}

}  // namespace
}  // namespace lintel::controller::kube
