#pragma once

// clang-format off
#include "asio_beast.h"
#include <boost/asio/ssl.hpp>
// clang-format on

#include <memory>
#include <string>
#include <vector>

#include "lintel/snapshot/v1/snapshot.pb.h"
#include "server_name_table.h"
#include "session_ticket_keys.h"

namespace lintel::dataplane::tls {

// The TLS side of one HTTPS port, compiled from its snapshot TlsContext: one OpenSSL context per
// certificate, each with Lintel's protocol settings (TLS 1.2 and 1.3, forward-secret AEAD
// ciphers, ALPN, rotating session tickets). A handshake starts on the default certificate's
// context and the server name callback moves it to the certificate its SNI picks. Immutable
// once compiled; a connection holds it for as long as it lives, so a snapshot that changes the
// certificates leaves open connections on the ones they started with.
class ServerTls {
 public:
  // Null with `error` naming the certificate when a key pair does not load.
  static std::shared_ptr<const ServerTls> compile(const snapshot::v1::TlsContext& context,
                                                  SessionTicketKeys& ticket_keys,
                                                  std::string& error);

  // Where a handshake starts. OpenSSL contexts are safe to share between threads.
  asio::ssl::context& handshake_context() const { return *contexts_[default_]; }

  ServerTls(const snapshot::v1::TlsContext& context, std::size_t default_certificate);

 private:
  static int on_server_name(SSL* ssl, int* alert, void* self);

  ServerNameTable names_;
  std::size_t default_;
  std::vector<std::unique_ptr<asio::ssl::context>> contexts_;
};

}  // namespace lintel::dataplane::tls
