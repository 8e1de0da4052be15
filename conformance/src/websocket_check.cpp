#include "websocket_check.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "base64.h"
#include "status_support.h"

namespace lintel::conformance {

namespace {

class Socket {
 public:
  Socket() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  bool connect_to(const std::string& ip, int port, int timeout_seconds) {
    timeval timeout{timeout_seconds, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, ip.c_str(), &address.sin_addr);
    return fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  bool send_all(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  // Exactly `count` bytes, from what was read ahead first.
  bool read_exact(size_t count, std::string& out) {
    while (buffer_.size() < count) {
      char chunk[4096];
      const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
    out = buffer_.substr(0, count);
    buffer_.erase(0, count);
    return true;
  }
  bool read_head(std::string& head) {
    while (buffer_.find("\r\n\r\n") == std::string::npos) {
      char chunk[4096];
      const ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
    const size_t end = buffer_.find("\r\n\r\n") + 4;
    head = buffer_.substr(0, end);
    buffer_.erase(0, end);
    return true;
  }

 private:
  int fd_;
  std::string buffer_;
};

// A client frame: FIN, the opcode, masked payload (RFC 6455 §5.2).
std::string client_frame(int opcode, const std::string& payload, std::mt19937& random) {
  std::string frame;
  frame += static_cast<char>(0x80 | opcode);
  const size_t length = payload.size();
  if (length < 126) {
    frame += static_cast<char>(0x80 | length);
  } else {
    frame += static_cast<char>(0x80 | 126);
    frame += static_cast<char>((length >> 8) & 0xFF);
    frame += static_cast<char>(length & 0xFF);
  }
  char mask[4];
  for (auto& byte : mask) byte = static_cast<char>(random() & 0xFF);
  frame.append(mask, 4);
  for (size_t i = 0; i < length; ++i) frame += static_cast<char>(payload[i] ^ mask[i % 4]);
  return frame;
}

bool read_frame(Socket& socket, int& opcode, std::string& payload) {
  std::string head;
  if (!socket.read_exact(2, head)) return false;
  opcode = head[0] & 0x0F;
  uint64_t length = static_cast<unsigned char>(head[1]) & 0x7F;
  std::string extended;
  if (length == 126 || length == 127) {
    if (!socket.read_exact(length == 126 ? 2 : 8, extended)) return false;
    length = 0;
    for (const char byte : extended) length = (length << 8) | static_cast<unsigned char>(byte);
  }
  std::string mask;
  if (head[1] & 0x80 && !socket.read_exact(4, mask)) return false;
  if (!socket.read_exact(static_cast<size_t>(length), payload)) return false;
  for (size_t i = 0; i < payload.size() && !mask.empty(); ++i) payload[i] ^= mask[i % 4];
  return true;
}

// One attempt: handshake, then every frame of the exchange and its echo. Empty when it worked.
std::string exchange_once(const Value& check, Environment& env, std::mt19937& random) {
  const int port = static_cast<int>(check["target"]["port"].as_long(80)) + env.lintel.port_offset();
  const std::string address = target_address(env, check["target"]);
  Socket socket;
  if (!socket.connect_to(address, port, 10))
    return "cannot connect to port " + std::to_string(port);
  std::string key_bytes(16, '\0');
  for (auto& byte : key_bytes) byte = static_cast<char>(random() & 0xFF);
  const std::string request = "GET /ws HTTP/1.1\r\nHost: " + address +
                              "\r\nUpgrade: websocket\r\n"
                              "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                              "Sec-WebSocket-Key: " +
                              base64_encode(key_bytes) + "\r\nOrigin: ws://gateway/" +
                              check.str("subtest") + "\r\n\r\n";
  std::string head;
  if (!socket.send_all(request) || !socket.read_head(head)) return "no answer to the upgrade";
  if (head.rfind("HTTP/1.1 101", 0) != 0)
    return "upgrade answered " + head.substr(0, head.find('\r'));
  for (const auto& step : check["exchange"].items()) {
    std::string payload;
    if (step["data"].is_list()) {
      for (const auto& byte : step["data"].items()) payload += static_cast<char>(byte.as_long());
    } else {
      payload = step.str("data");
    }
    const int opcode = step.str("send") == "binary" ? 2 : 1;
    if (!socket.send_all(client_frame(opcode, payload, random))) return "cannot send a frame";
    if (!step["expectEcho"].as_bool(true)) continue;
    int got_opcode = 0;
    std::string echoed;
    if (!read_frame(socket, got_opcode, echoed))
      return "no echo of the " + step.str("send") + " frame";
    if (got_opcode != opcode || echoed != payload)
      return "the " + step.str("send") + " frame came back changed";
  }
  socket.send_all(client_frame(8, "", random));
  return "";
}

}  // namespace

CheckResult run_websocket(const Value& check, CaseState&, Environment& env) {
  using Clock = std::chrono::steady_clock;
  std::mt19937 random{std::random_device{}()};
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(env.max_time_to_consistency));
  int in_a_row = 0;
  std::string last = "no attempt finished";
  while (Clock::now() < deadline) {
    const std::string failure = exchange_once(check, env, random);
    if (failure.empty()) {
      if (++in_a_row >= env.required_consecutive_successes) return CheckResult::pass();
      continue;
    }
    in_a_row = 0;
    last = failure;
    std::this_thread::sleep_until(std::min(deadline, Clock::now() + std::chrono::seconds(1)));
  }
  return CheckResult::fail("WebSocket exchange failed", last);
}

}  // namespace lintel::conformance
