#include "endpoint_health.h"

#include <algorithm>

namespace lintel::dataplane {

bool EndpointHealth::ejected(const tcp::endpoint& endpoint, Clock::time_point now) const {
  auto it = states_.find(endpoint);
  return it != states_.end() && it->second.ejected_until > now;
}

void EndpointHealth::record_success(const tcp::endpoint& endpoint) {
  // Healthy endpoints keep no state, so the table only holds the troubled ones.
  states_.erase(endpoint);
}

bool EndpointHealth::record_failure(const tcp::endpoint& endpoint, Clock::time_point now) {
  State& state = states_[endpoint];
  if (++state.consecutive_failures < threshold_) return false;
  state.consecutive_failures = 0;
  state.ejections = std::min(state.ejections + 1, 10u);
  state.ejected_until = now + base_ejection_ * state.ejections;
  return true;
}

}  // namespace lintel::dataplane
