// How many heap allocations a plain proxied keep-alive GET costs once the proxy is warm, counted
// by replacing the global operator new. It has an executable of its own so the replacement
// touches no other test. The client and the upstream here are raw sockets with fixed buffers,
// so every allocation counted in the measured window is the proxy's.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>
#include <thread>

#include "apply_on_free_port.h"
#include "lintel/dataplane/proxy_server.h"
#include "one_route_snapshot.h"
#include "test_http_client.h"

namespace {

std::atomic<std::uint64_t> allocations{0};

void* counted_allocation(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}

void* counted_aligned_allocation(std::size_t size, std::align_val_t alignment) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  const auto align = static_cast<std::size_t>(alignment);
  // aligned_alloc wants a size that is a multiple of the alignment.
  const std::size_t rounded = (std::max<std::size_t>(size, 1) + align - 1) / align * align;
  if (void* memory = std::aligned_alloc(align, rounded)) return memory;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) {
  return counted_allocation(size);
}
void* operator new[](std::size_t size) {
  return counted_allocation(size);
}
void* operator new(std::size_t size, std::align_val_t alignment) {
  return counted_aligned_allocation(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return counted_aligned_allocation(size, alignment);
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete[](void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, std::size_t) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::align_val_t) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, std::align_val_t) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t, std::align_val_t) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, std::size_t, std::align_val_t) noexcept {
  std::free(memory);
}

namespace lintel::dataplane {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kIoTimeout = std::chrono::seconds(10);
constexpr std::string_view kUpstreamResponse =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
constexpr std::string_view kRequest =
    "GET /plain HTTP/1.1\r\nHost: a.example.com\r\nUser-Agent: lintel-test\r\n\r\n";

// Waits for `events` on `fd` until `deadline`; false on timeout or error.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd descriptor{fd, events, 0};
    const int ready = ::poll(&descriptor, 1, static_cast<int>(left));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

bool write_all(int fd, std::string_view bytes) {
  const auto deadline = Clock::now() + kIoTimeout;
  while (!bytes.empty()) {
    if (!wait_for(fd, POLLOUT, deadline)) return false;
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

int listen_loopback(std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    return -1;
  }
  port = ntohs(address.sin_port);
  return fd;
}

// Answers every request head on every connection with kUpstreamResponse, one thread, fixed
// buffers, until stopped.
class FixedUpstream {
 public:
  FixedUpstream() : listener_(listen_loopback(port_)) {
    thread_ = std::thread([this] { serve(); });
  }
  ~FixedUpstream() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
  }
  std::uint16_t port() const { return port_; }

 private:
  static constexpr int kMaxConnections = 8;
  struct Connection {
    int fd = -1;
    char buffer[4096];
    std::size_t used = 0;
  };

  void serve() {
    while (!stopping_) {
      pollfd descriptors[kMaxConnections + 1];
      descriptors[0] = {listener_, POLLIN, 0};
      for (int i = 0; i < kMaxConnections; ++i)
        descriptors[i + 1] = {connections_[i].fd, POLLIN, 0};
      if (::poll(descriptors, kMaxConnections + 1, 50) <= 0) continue;
      if (descriptors[0].revents != 0) accept_one();
      for (int i = 0; i < kMaxConnections; ++i) {
        if (descriptors[i + 1].revents != 0) read_from(connections_[i]);
      }
    }
    for (auto& connection : connections_) {
      if (connection.fd >= 0) ::close(connection.fd);
    }
  }
  void accept_one() {
    const int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) return;
    for (auto& connection : connections_) {
      if (connection.fd < 0) {
        connection.fd = fd;
        connection.used = 0;
        return;
      }
    }
    ::close(fd);
  }
  void read_from(Connection& connection) {
    const ssize_t n = ::recv(connection.fd, connection.buffer + connection.used,
                             sizeof(connection.buffer) - connection.used, 0);
    if (n <= 0) {
      ::close(connection.fd);
      connection.fd = -1;
      return;
    }
    connection.used += static_cast<std::size_t>(n);
    for (;;) {
      const std::string_view pending(connection.buffer, connection.used);
      const auto end = pending.find("\r\n\r\n");
      if (end == std::string_view::npos) break;
      if (!write_all(connection.fd, kUpstreamResponse)) break;
      const std::size_t head = end + 4;
      std::memmove(connection.buffer, connection.buffer + head, connection.used - head);
      connection.used -= head;
    }
  }

  std::uint16_t port_ = 0;
  int listener_;
  std::atomic<bool> stopping_{false};
  Connection connections_[kMaxConnections];
  std::thread thread_;
};

// One keep-alive client connection that sends kRequest and reads the answer into a fixed
// buffer; true when a whole 200 response with the upstream's body arrived in time.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }

  bool get() {
    if (!write_all(fd_, kRequest)) return false;
    const auto deadline = Clock::now() + kIoTimeout;
    std::size_t used = 0;
    for (;;) {
      const std::string_view received(buffer_, used);
      const auto end = received.find("\r\n\r\n");
      // The body is the upstream's "hello", Content-Length framed.
      if (end != std::string_view::npos && used >= end + 4 + 5) {
        return received.starts_with("HTTP/1.1 200 ") && received.substr(end + 4, 5) == "hello" &&
               used == end + 4 + 5;
      }
      if (used == sizeof(buffer_) || !wait_for(fd_, POLLIN, deadline)) return false;
      const ssize_t n = ::recv(fd_, buffer_ + used, sizeof(buffer_) - used, 0);
      if (n <= 0) return false;
      used += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_;
  bool connected_ = false;
  char buffer_[4096];
};

// What one warm plain GET allocates today; the goal is 0. Lower it as allocations go, and never
// raise it without saying why in the commit. The 13 (traced with a gdb breakpoint on the
// counting operator new): Beast's response parser (a node per upstream header field, and its
// state), Beast tcp_stream's per-operation timeout timer and the completion it posts (Asio's
// per-thread recycling keeps one block per kind, and a request has more operations in
// flight), and a coroutine frame larger than the recycled block.
constexpr std::uint64_t kMaxAllocationsPerRequest = 13;
// A few allocations happen once in a while rather than per request (seen: 0 to 3 in 1,000).
constexpr std::uint64_t kOccasionalAllocations = 20;

TEST(ProxyAllocation, AWarmPlainKeepAliveGetStaysWithinItsAllocationBound) {
  FixedUpstream upstream;
  ProxyOptions options;
  options.bind_address = "127.0.0.1";
  options.workers = 1;
  auto proxy = ProxyServer::create(options);
  std::string error;
  const std::uint16_t port = testing::apply_on_free_port(
      *proxy,
      [&](std::uint16_t free) {
        return testing::one_route_snapshot(free, "fixed", upstream.port());
      },
      error);
  ASSERT_NE(port, 0) << error;

  RawClient client(port);
  ASSERT_TRUE(client.connected());
  // Warm: the connection's buffers, the upstream pool, Asio's handler memory.
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(client.get()) << "warm-up request " << i;

  constexpr int kRequests = 1000;
  const std::uint64_t before = allocations.load();
  int answered = 0;
  for (int i = 0; i < kRequests && client.get(); ++i) ++answered;
  const std::uint64_t counted = allocations.load() - before;
  ASSERT_EQ(answered, kRequests);
  const double per_request = static_cast<double>(counted) / kRequests;
  RecordProperty("allocations_per_request", std::to_string(per_request));
  std::printf("allocations per warm plain GET: %.2f (%llu in %d requests)\n", per_request,
              static_cast<unsigned long long>(counted), kRequests);
  EXPECT_LE(counted, kMaxAllocationsPerRequest * kRequests + kOccasionalAllocations);
  proxy->stop();
}

}  // namespace
}  // namespace lintel::dataplane
