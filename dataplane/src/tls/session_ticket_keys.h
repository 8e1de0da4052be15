#pragma once

#include <openssl/ssl.h>

#include <array>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

namespace lintel::dataplane::tls {

// The keys that seal TLS session tickets (resumption without a server-side session cache).
// Random, never written anywhere, so they live and die with the process; a new key every
// `rotation_period`, the previous one still accepted for one more period (its tickets are
// renewed under the new key), older tickets fall back to a full handshake. Thread-safe: every
// worker's handshakes use the one instance.
class SessionTicketKeys {
 public:
  using Clock = std::chrono::steady_clock;
  struct Key {
    std::array<unsigned char, 16> name{};
    std::array<unsigned char, 32> cipher_key{};  // AES-256-CBC
    std::array<unsigned char, 32> mac_key{};     // HMAC-SHA256
  };

  explicit SessionTicketKeys(std::chrono::seconds rotation_period = std::chrono::hours(1),
                             std::function<Clock::time_point()> now = Clock::now);

  // The key new tickets are sealed with.
  Key current();
  // The key named `name`, and whether it is the current one; nullopt when it has expired.
  std::optional<std::pair<Key, bool>> find(const unsigned char* name);

  // Installs the ticket callback on `context`; `keys` must outlive the context.
  static void install(SSL_CTX* context, SessionTicketKeys& keys);

 private:
  void rotate_if_due();  // with mutex_ held

  const std::chrono::seconds rotation_period_;
  const std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  Key current_;
  std::optional<Key> previous_;
  Clock::time_point current_since_;
};

}  // namespace lintel::dataplane::tls
