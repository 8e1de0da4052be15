#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <vector>

#include "asio_beast.h"

namespace lintel::dataplane {

// Idle keep-alive connections to upstream endpoints, owned by one worker: only that worker's
// thread touches it, so it needs no lock.
class UpstreamPool {
 public:
  UpstreamPool(std::size_t max_idle_per_endpoint, std::chrono::steady_clock::duration max_idle);

  // The most recently used idle connection that still looks alive, or null. Looking costs a
  // system call, so connections idle for less than `check_after` are trusted unseen: callers
  // that can send their request again on a fresh connection pass a short time.
  std::unique_ptr<beast::tcp_stream> take(const tcp::endpoint& endpoint,
                                          std::chrono::steady_clock::duration check_after =
                                              std::chrono::steady_clock::duration::zero());
  // Keeps a connection whose last response ended cleanly for the next request.
  void give_back(const tcp::endpoint& endpoint, std::unique_ptr<beast::tcp_stream> stream);
  std::size_t idle_count() const;
  void clear() { idle_.clear(); }

 private:
  struct Idle {
    std::unique_ptr<beast::tcp_stream> stream;
    std::chrono::steady_clock::time_point since;
  };
  std::size_t max_idle_per_endpoint_;
  std::chrono::steady_clock::duration max_idle_;
  std::map<tcp::endpoint, std::vector<Idle>> idle_;
};

}  // namespace lintel::dataplane
