#pragma once

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace lintel::snapshot {

// The PEM files that secure the snapshot stream (snapshots carry TLS private keys). They are
// read afresh for every connection, so a certificate rotated in place (a mounted Secret that
// cert-manager renews) is used from the next connection on, without a restart.
struct StreamTlsFiles {
  std::string certificate;  // the chain this end presents
  std::string private_key;
  // Controller: the CA that must have signed each proxy's client certificate (empty: proxies
  // are not asked for one). Proxy: the CA that must have signed the controller's certificate.
  std::string ca;
};

// TLS 1.3 only (both ends are Lintel), ALPN "h2", and the peer verified against `files.ca`
// when one is given. nullptr, with `error` saying which file and why, when a file is missing
// or the key does not match the certificate.
std::shared_ptr<boost::asio::ssl::context> server_tls_context(const StreamTlsFiles& files,
                                                              std::string& error);
// The CA is required; a certificate and key, when given, are presented to the controller.
std::shared_ptr<boost::asio::ssl::context> client_tls_context(const StreamTlsFiles& files,
                                                              std::string& error);

// Names the controller for SNI and for verification: a DNS name is matched against the
// certificate's DNS names, an IP address against its IP addresses.
bool expect_server_name(SSL* ssl, const std::string& name, std::string& error);

// The newest OpenSSL error of this thread, as text; "" when there is none.
std::string openssl_error();

}  // namespace lintel::snapshot
