#include "alpn.h"

namespace lintel::dataplane::tls {

namespace {

int select_protocol(SSL*, const unsigned char** out, unsigned char* out_length,
                    const unsigned char* offered, unsigned int offered_length, void*) {
  for (std::string_view ours : kServerAlpnProtocols) {
    // The client's list is a sequence of length-prefixed names.
    for (unsigned int at = 0; at < offered_length;) {
      const unsigned int length = offered[at];
      if (at + 1 + length > offered_length) return SSL_TLSEXT_ERR_ALERT_FATAL;
      std::string_view theirs(reinterpret_cast<const char*>(offered + at + 1), length);
      if (theirs == ours) {
        *out = offered + at + 1;
        *out_length = static_cast<unsigned char>(length);
        return SSL_TLSEXT_ERR_OK;
      }
      at += 1 + length;
    }
  }
  return SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

bool negotiated_http2(SSL* ssl) {
  const unsigned char* chosen = nullptr;
  unsigned int length = 0;
  SSL_get0_alpn_selected(ssl, &chosen, &length);
  return chosen != nullptr &&
         std::string_view(reinterpret_cast<const char*>(chosen), length) == kHttp2Protocol;
}

void install_alpn(SSL_CTX* context) {
  SSL_CTX_set_alpn_select_cb(context, select_protocol, nullptr);
}

}  // namespace lintel::dataplane::tls
