#include "server_tls.h"

#include "alpn.h"

namespace lintel::dataplane::tls {

namespace {

// TLS 1.2's forward-secret AEAD suites (TLS 1.3's are all of that kind and left at OpenSSL's).
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// Any context's handshakes may resume sessions sealed by another's: one ID context for all.
constexpr unsigned char kSessionIdContext[] = "lintel";

std::unique_ptr<asio::ssl::context> make_context(const snapshot::v1::TlsCertificate& certificate,
                                                 SessionTicketKeys& ticket_keys,
                                                 std::string& error) {
  auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(native, TLS1_3_VERSION);
  SSL_CTX_set_options(
      native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION);
  SSL_CTX_set_cipher_list(native, kTls12Ciphers);
  // Tickets only: a server-side cache would be per context and per process anyway.
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_session_id_context(native, kSessionIdContext, sizeof(kSessionIdContext) - 1);
  SSL_CTX_set_num_tickets(native, 1);
  SessionTicketKeys::install(native, ticket_keys);
  install_alpn(native);

  error_code ec;
  const auto& chain = certificate.certificate_chain_pem();
  const auto& key = certificate.private_key_pem();
  context->use_certificate_chain(asio::buffer(chain.data(), chain.size()), ec);
  if (!ec)
    context->use_private_key(asio::buffer(key.data(), key.size()), asio::ssl::context::pem, ec);
  if (!ec && SSL_CTX_check_private_key(native) != 1) ec = asio::error::invalid_argument;
  if (ec) {
    error = "certificate \"" + certificate.name() + "\" does not load: " + ec.message();
    return nullptr;
  }
  return context;
}

}  // namespace

ServerTls::ServerTls(const snapshot::v1::TlsContext& context, std::size_t default_certificate)
    : names_(context), default_(default_certificate) {}

std::shared_ptr<const ServerTls> ServerTls::compile(const snapshot::v1::TlsContext& context,
                                                    SessionTicketKeys& ticket_keys,
                                                    std::string& error) {
  if (context.certificates_size() == 0) {
    error = "HTTPS listener has no certificate";
    return nullptr;
  }
  if (context.default_certificate() >= static_cast<unsigned>(context.certificates_size())) {
    error = "default certificate " + std::to_string(context.default_certificate()) +
            " is not one of the " + std::to_string(context.certificates_size()) + " certificates";
    return nullptr;
  }
  auto tls = std::make_shared<ServerTls>(context, context.default_certificate());
  for (const auto& certificate : context.certificates()) {
    auto compiled = make_context(certificate, ticket_keys, error);
    if (!compiled) return nullptr;
    SSL_CTX_set_tlsext_servername_callback(compiled->native_handle(), on_server_name);
    SSL_CTX_set_tlsext_servername_arg(compiled->native_handle(), tls.get());
    tls->contexts_.push_back(std::move(compiled));
  }
  return tls;
}

int ServerTls::on_server_name(SSL* ssl, int*, void* self) {
  const auto& tls = *static_cast<const ServerTls*>(self);
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  const std::size_t chosen = tls.names_.certificate_for(name ? name : "");
  if (chosen != tls.default_) SSL_set_SSL_CTX(ssl, tls.contexts_[chosen]->native_handle());
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace lintel::dataplane::tls
