#include "lintel/snapshot/stream_tls.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <cstring>

namespace lintel::snapshot {

namespace ssl = boost::asio::ssl;

namespace {

constexpr unsigned char kAlpnH2[] = {2, 'h', '2'};

int select_h2(SSL*, const unsigned char** out, unsigned char* out_length, const unsigned char* in,
              unsigned int in_length, void*) {
  for (unsigned int i = 0; i < in_length; i += 1u + in[i]) {
    if (in[i] == 2 && i + 2 < in_length && std::memcmp(in + i + 1, "h2", 2) == 0) {
      *out = in + i + 1;
      *out_length = 2;
      return SSL_TLSEXT_ERR_OK;
    }
  }
  return SSL_TLSEXT_ERR_NOACK;
}

std::shared_ptr<ssl::context> tls13_context(ssl::context::method method) {
  auto context = std::make_shared<ssl::context>(method);
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_3_VERSION);
  return context;
}

bool load_identity(ssl::context& context, const StreamTlsFiles& files, std::string& error) {
  SSL_CTX* native = context.native_handle();
  if (SSL_CTX_use_certificate_chain_file(native, files.certificate.c_str()) != 1) {
    error = "cannot load the certificate chain " + files.certificate + ": " + openssl_error();
    return false;
  }
  if (SSL_CTX_use_PrivateKey_file(native, files.private_key.c_str(), SSL_FILETYPE_PEM) != 1) {
    error = "cannot load the private key " + files.private_key + ": " + openssl_error();
    return false;
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    error = "the private key " + files.private_key + " does not match the certificate " +
            files.certificate;
    return false;
  }
  return true;
}

bool load_ca(ssl::context& context, const std::string& ca, std::string& error) {
  if (SSL_CTX_load_verify_locations(context.native_handle(), ca.c_str(), nullptr) != 1) {
    error = "cannot load the CA certificates " + ca + ": " + openssl_error();
    return false;
  }
  return true;
}

}  // namespace

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

std::shared_ptr<ssl::context> server_tls_context(const StreamTlsFiles& files, std::string& error) {
  ERR_clear_error();
  auto context = tls13_context(ssl::context::tls_server);
  if (files.certificate.empty() || files.private_key.empty()) {
    error = "a TLS snapshot stream needs both a certificate and its private key";
    return nullptr;
  }
  if (!load_identity(*context, files, error)) return nullptr;
  if (!files.ca.empty()) {
    if (!load_ca(*context, files.ca, error)) return nullptr;
    context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  }
  SSL_CTX_set_alpn_select_cb(context->native_handle(), &select_h2, nullptr);
  return context;
}

std::shared_ptr<ssl::context> client_tls_context(const StreamTlsFiles& files, std::string& error) {
  ERR_clear_error();
  auto context = tls13_context(ssl::context::tls_client);
  if (files.ca.empty()) {
    error = "a TLS snapshot stream needs the CA that signed the controller's certificate";
    return nullptr;
  }
  if (!load_ca(*context, files.ca, error)) return nullptr;
  context->set_verify_mode(ssl::verify_peer);
  if (files.certificate.empty() != files.private_key.empty()) {
    error = "a client certificate needs its private key, and a private key its certificate";
    return nullptr;
  }
  if (!files.certificate.empty() && !load_identity(*context, files, error)) return nullptr;
  SSL_CTX_set_alpn_protos(context->native_handle(), kAlpnH2, sizeof kAlpnH2);
  return context;
}

bool expect_server_name(SSL* ssl, const std::string& name, std::string& error) {
  boost::system::error_code not_ip;
  boost::asio::ip::make_address(name, not_ip);
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (!not_ip) {
    if (X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()) != 1) {
      error = "cannot verify the controller as " + name;
      return false;
    }
    return true;
  }
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size()) != 1 ||
      SSL_set_tlsext_host_name(ssl, name.c_str()) != 1) {
    error = "cannot verify the controller as " + name;
    return false;
  }
  return true;
}

}  // namespace lintel::snapshot
