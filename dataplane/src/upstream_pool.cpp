#include "upstream_pool.h"

#include <sys/socket.h>

#include <cerrno>

namespace lintel::dataplane {
namespace {

// An idle upstream connection must have nothing to read: EOF means the server closed it, and
// stray bytes mean the previous exchange did not end where we thought. Either way, drop it.
bool looks_alive(beast::tcp_stream& stream) {
  char byte;
  const auto n = ::recv(stream.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

UpstreamPool::UpstreamPool(std::size_t max_idle_per_endpoint,
                           std::chrono::steady_clock::duration max_idle)
    : max_idle_per_endpoint_(max_idle_per_endpoint), max_idle_(max_idle) {}

std::unique_ptr<beast::tcp_stream> UpstreamPool::take(
    const tcp::endpoint& endpoint, std::chrono::steady_clock::duration check_after) {
  const auto found = idle_.find(endpoint);
  if (found == idle_.end()) return nullptr;
  auto& idle = found->second;
  const auto now = std::chrono::steady_clock::now();
  while (!idle.empty()) {
    Idle candidate = std::move(idle.back());
    idle.pop_back();
    const auto idle_for = now - candidate.since;
    if (idle_for < max_idle_ && (idle_for < check_after || looks_alive(*candidate.stream))) {
      return std::move(candidate.stream);
    }
  }
  return nullptr;
}

void UpstreamPool::give_back(const tcp::endpoint& endpoint,
                             std::unique_ptr<beast::tcp_stream> stream) {
  auto& idle = idle_[endpoint];
  if (idle.size() >= max_idle_per_endpoint_) {
    // The oldest is the likeliest to have been closed by the server.
    idle.erase(idle.begin());
  }
  stream->expires_never();
  idle.push_back(Idle{std::move(stream), std::chrono::steady_clock::now()});
}

std::size_t UpstreamPool::idle_count() const {
  std::size_t count = 0;
  for (const auto& [endpoint, idle] : idle_) count += idle.size();
  return count;
}

}  // namespace lintel::dataplane
