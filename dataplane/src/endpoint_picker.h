#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace lintel::dataplane {

// Least request by two random choices (Mitzenmacher's "power of two choices", as Envoy does):
// of two distinct endpoints drawn at random, the one with fewer requests in flight; an ejected
// one loses to a healthy one. Nearly as even as scanning every endpoint, at a constant cost.
// When both draws are ejected, the least loaded healthy endpoint of all, and when every
// endpoint is ejected, the least loaded of all ("panic mode", like round robin's).
// `ejected(i)` says whether endpoint i is ejected; `random_a` and `random_b` are random words.
template <typename Ejected>
std::size_t pick_least_request(std::span<const std::uint32_t> in_flight, const Ejected& ejected,
                               std::uint64_t random_a, std::uint64_t random_b) {
  const std::size_t count = in_flight.size();
  if (count <= 1) return 0;
  const std::size_t first = random_a % count;
  const std::size_t second = (first + 1 + random_b % (count - 1)) % count;
  const bool first_healthy = !ejected(first);
  const bool second_healthy = !ejected(second);
  if (first_healthy != second_healthy) return first_healthy ? first : second;
  if (first_healthy) return in_flight[second] < in_flight[first] ? second : first;
  std::size_t best = count;
  for (std::size_t i = 0; i < count; ++i) {
    if (!ejected(i) && (best == count || in_flight[i] < in_flight[best])) best = i;
  }
  if (best != count) return best;
  best = 0;
  for (std::size_t i = 1; i < count; ++i) {
    if (in_flight[i] < in_flight[best]) best = i;
  }
  return best;
}

}  // namespace lintel::dataplane
