#pragma once

#include <chrono>
#include <cstdint>
#include <map>

#include "asio_beast.h"

namespace lintel::dataplane {

// Passive health of upstream endpoints, as one worker sees them (no locks: only that worker's
// thread touches it). Kept by endpoint address, not by cluster or route, so every route that
// sends to an endpoint shares what is known about it, and it survives snapshot swaps.
//
// An endpoint with `threshold` consecutive failures (connect errors, timeouts, broken
// responses, 5xx answers) is ejected for `base_ejection` times the number of times it has been
// ejected in a row (at most 10x); one good answer clears both counts.
class EndpointHealth {
 public:
  using Clock = std::chrono::steady_clock;

  EndpointHealth(unsigned threshold, Clock::duration base_ejection)
      : threshold_(threshold), base_ejection_(base_ejection) {}

  bool ejected(const tcp::endpoint& endpoint, Clock::time_point now) const;
  void record_success(const tcp::endpoint& endpoint);
  // True when this failure ejects the endpoint.
  bool record_failure(const tcp::endpoint& endpoint, Clock::time_point now);

 private:
  struct State {
    unsigned consecutive_failures = 0;
    unsigned ejections = 0;
    Clock::time_point ejected_until{};
  };
  unsigned threshold_;
  Clock::duration base_ejection_;
  std::map<tcp::endpoint, State> states_;
};

}  // namespace lintel::dataplane
