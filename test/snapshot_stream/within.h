#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace lintel {

// Polls `condition` every 10 ms for at most `limit`.
inline bool within(std::chrono::milliseconds limit, const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

}  // namespace lintel
