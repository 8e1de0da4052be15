#include "endpoint_picker.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

namespace lintel::dataplane {
namespace {

const auto kNoneEjected = [](std::size_t) { return false; };

TEST(LeastRequest, OfTwoEndpointsAlwaysTheLessLoaded) {
  std::mt19937_64 random(1);
  const std::array<std::uint32_t, 2> in_flight{3, 0};
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(pick_least_request(in_flight, kNoneEjected, random(), random()), 1u);
  }
}

TEST(LeastRequest, NeverTheMostLoadedOfMany) {
  std::mt19937_64 random(2);
  const std::array<std::uint32_t, 5> in_flight{2, 2, 9, 2, 2};
  std::array<int, 5> picked{};
  for (int i = 0; i < 1000; ++i) {
    ++picked[pick_least_request(in_flight, kNoneEjected, random(), random())];
  }
  EXPECT_EQ(picked[2], 0);
  for (const std::size_t i : {0u, 1u, 3u, 4u}) EXPECT_GT(picked[i], 150) << i;
}

TEST(LeastRequest, AnEjectedEndpointLosesToAHealthyOne) {
  std::mt19937_64 random(3);
  const std::array<std::uint32_t, 3> in_flight{0, 5, 7};
  const auto first_ejected = [](std::size_t i) { return i == 0; };
  for (int i = 0; i < 200; ++i) {
    EXPECT_NE(pick_least_request(in_flight, first_ejected, random(), random()), 0u);
  }
  // Both draws ejected: the least loaded healthy endpoint of all.
  const auto only_last_healthy = [](std::size_t i) { return i != 2; };
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(pick_least_request(in_flight, only_last_healthy, random(), random()), 2u);
  }
}

TEST(LeastRequest, WithEveryEndpointEjectedTheLeastLoadedOfAll) {
  const std::array<std::uint32_t, 3> in_flight{4, 1, 6};
  const auto all_ejected = [](std::size_t) { return true; };
  EXPECT_EQ(pick_least_request(in_flight, all_ejected, 0, 0), 1u);
  EXPECT_EQ(
      pick_least_request(std::span<const std::uint32_t>(in_flight).first(1), all_ejected, 7, 9),
      0u);
}

// Requests of very different lengths: least request keeps the busiest endpoint a third less busy
// than the same picks made blindly would.
TEST(LeastRequest, KeepsLoadEvenWhenRequestsDifferInLength) {
  constexpr std::size_t kEndpoints = 8;
  const auto peak_in_flight = [](bool least_request) {
    std::mt19937_64 random(4);
    std::vector<std::uint32_t> in_flight(kEndpoints, 0);
    // (ends at tick, endpoint) of the requests under way.
    std::vector<std::pair<int, std::size_t>> running;
    std::uint32_t peak = 0;
    for (int tick = 0; tick < 20000; ++tick) {
      std::erase_if(running, [&](const auto& request) {
        if (request.first > tick) return false;
        --in_flight[request.second];
        return true;
      });
      const std::size_t endpoint =
          least_request ? pick_least_request(in_flight, kNoneEjected, random(), random())
                        : random() % kEndpoints;
      ++in_flight[endpoint];
      peak = std::max(peak, in_flight[endpoint]);
      // Mostly short requests, a few 50 times longer.
      running.emplace_back(tick + (random() % 20 == 0 ? 200 : 4), endpoint);
    }
    return peak;
  };
  const auto blind = peak_in_flight(false);
  const auto least = peak_in_flight(true);
  EXPECT_LE(least * 3, blind * 2) << "least request " << least << ", random " << blind;
}

}  // namespace
}  // namespace lintel::dataplane
