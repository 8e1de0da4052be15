// The work queue's promises: dedup, one worker per key, nothing lost, rate-limited retries.
#include "lintel/controller/work_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace lintel::controller {
namespace {

using namespace std::chrono_literals;

TEST(WorkQueue, AKeyWaitingIsNotAddedTwice) {
  WorkQueue<std::string> queue;
  queue.add("a");
  queue.add("b");
  queue.add("a");
  EXPECT_EQ(queue.length(), 2u);
  EXPECT_EQ(*queue.get(), "a");
  EXPECT_EQ(*queue.get(), "b");
}

TEST(WorkQueue, AKeyAddedWhileProcessingComesBackAfterDoneNotBefore) {
  WorkQueue<std::string> queue;
  queue.add("a");
  ASSERT_EQ(*queue.get(), "a");
  queue.add("a");
  EXPECT_EQ(queue.length(), 0u) << "not handed to a second worker while the first has it";
  queue.done("a");
  EXPECT_EQ(queue.length(), 1u);
  EXPECT_EQ(*queue.get(), "a");
  queue.done("a");
  EXPECT_TRUE(queue.idle());
}

TEST(WorkQueue, RateLimitedRetriesBackOffExponentiallyUntilForgotten) {
  WorkQueue<std::string> queue(10ms, 1s);
  const auto start = std::chrono::steady_clock::now();
  for (int attempt = 0; attempt < 4; ++attempt) {
    queue.add_rate_limited("a");
    ASSERT_EQ(*queue.get(), "a");
    queue.done("a");
  }
  // 10 + 20 + 40 + 80 ms at least.
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
  EXPECT_EQ(queue.failures("a"), 4);
  queue.forget("a");
  EXPECT_EQ(queue.failures("a"), 0);
}

TEST(WorkQueue, ShutDownWakesEveryWorker) {
  WorkQueue<int> queue;
  std::atomic<int> ended{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&] {
      while (auto key = queue.get()) queue.done(*key);
      ++ended;
    });
  std::this_thread::sleep_for(20ms);
  queue.shut_down();
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(ended.load(), 4);
}

TEST(WorkQueue, ManyWorkersNeverHoldOneKeyAtOnceAndLoseNothing) {
  WorkQueue<int> queue;
  std::atomic<int> holders[8] = {};
  std::atomic<bool> overlap{false};
  std::atomic<int> processed{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < 6; ++i)
    workers.emplace_back([&] {
      while (auto key = queue.get()) {
        if (holders[*key].fetch_add(1) != 0) overlap = true;
        std::this_thread::sleep_for(100us);
        holders[*key].fetch_sub(1);
        ++processed;
        queue.done(*key);
      }
    });
  for (int round = 0; round < 2000; ++round) queue.add(round % 8);
  for (int i = 0; i < 1000 && !queue.idle(); ++i) std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(queue.idle());
  queue.shut_down();
  for (auto& worker : workers) worker.join();
  EXPECT_FALSE(overlap.load());
  EXPECT_GE(processed.load(), 8);
}

}  // namespace
}  // namespace lintel::controller
