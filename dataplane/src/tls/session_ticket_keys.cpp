#include "session_ticket_keys.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

namespace lintel::dataplane::tls {

namespace {

SessionTicketKeys::Key random_key() {
  SessionTicketKeys::Key key;
  if (RAND_bytes(key.name.data(), static_cast<int>(key.name.size())) != 1 ||
      RAND_bytes(key.cipher_key.data(), static_cast<int>(key.cipher_key.size())) != 1 ||
      RAND_bytes(key.mac_key.data(), static_cast<int>(key.mac_key.size())) != 1) {
    throw std::runtime_error("no randomness for TLS session ticket keys");
  }
  return key;
}

int ex_data_index() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

bool set_mac_key(EVP_MAC_CTX* mac, SessionTicketKeys::Key& key) {
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY, key.mac_key.data(), key.mac_key.size()),
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end()};
  return EVP_MAC_CTX_set_params(mac, params) == 1;
}

// OpenSSL's ticket key callback: 1 sealed or opened, 2 opened with a key to renew, 0 unknown
// key (full handshake), -1 failure.
int ticket_callback(SSL* ssl, unsigned char* key_name, unsigned char* iv, EVP_CIPHER_CTX* cipher,
                    EVP_MAC_CTX* mac, int encrypt) {
  auto* keys =
      static_cast<SessionTicketKeys*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ex_data_index()));
  if (keys == nullptr) return -1;
  if (encrypt) {
    SessionTicketKeys::Key key = keys->current();
    if (RAND_bytes(iv, EVP_CIPHER_get_iv_length(EVP_aes_256_cbc())) != 1) return -1;
    std::copy(key.name.begin(), key.name.end(), key_name);
    if (EVP_EncryptInit_ex(cipher, EVP_aes_256_cbc(), nullptr, key.cipher_key.data(), iv) != 1 ||
        !set_mac_key(mac, key))
      return -1;
    return 1;
  }
  auto found = keys->find(key_name);
  if (!found) return 0;
  auto& [key, is_current] = *found;
  if (!set_mac_key(mac, key) ||
      EVP_DecryptInit_ex(cipher, EVP_aes_256_cbc(), nullptr, key.cipher_key.data(), iv) != 1)
    return -1;
  return is_current ? 1 : 2;
}

}  // namespace

SessionTicketKeys::SessionTicketKeys(std::chrono::seconds rotation_period,
                                     std::function<Clock::time_point()> now)
    : rotation_period_(rotation_period),
      now_(std::move(now)),
      current_(random_key()),
      current_since_(now_()) {}

void SessionTicketKeys::rotate_if_due() {
  const auto now = now_();
  if (now - current_since_ < rotation_period_) return;
  // After a long idle spell the current key is older than two periods: nothing it sealed is
  // still welcome.
  if (now - current_since_ < 2 * rotation_period_)
    previous_ = current_;
  else
    previous_.reset();
  current_ = random_key();
  current_since_ = now;
}

SessionTicketKeys::Key SessionTicketKeys::current() {
  std::lock_guard lock(mutex_);
  rotate_if_due();
  return current_;
}

std::optional<std::pair<SessionTicketKeys::Key, bool>> SessionTicketKeys::find(
    const unsigned char* name) {
  std::lock_guard lock(mutex_);
  rotate_if_due();
  if (std::equal(current_.name.begin(), current_.name.end(), name))
    return std::make_pair(current_, true);
  if (previous_ && std::equal(previous_->name.begin(), previous_->name.end(), name))
    return std::make_pair(*previous_, false);
  return std::nullopt;
}

void SessionTicketKeys::install(SSL_CTX* context, SessionTicketKeys& keys) {
  SSL_CTX_set_ex_data(context, ex_data_index(), &keys);
  SSL_CTX_set_tlsext_ticket_key_evp_cb(context, ticket_callback);
}

}  // namespace lintel::dataplane::tls
