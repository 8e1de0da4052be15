#pragma once

#include <openssl/ssl.h>

#include <array>
#include <string_view>

namespace lintel::dataplane::tls {

// The application protocols a TLS listener offers, in the server's order of preference; the
// first one the client also offers is chosen.
inline constexpr std::string_view kHttp2Protocol = "h2";
inline constexpr std::array kServerAlpnProtocols = {
    kHttp2Protocol,
    std::string_view("http/1.1"),
};

// True when the handshake on `ssl` chose HTTP/2.
bool negotiated_http2(SSL* ssl);

// Installs the ALPN choice on `context`. A client offering none of ours gets no ALPN answer
// and is spoken to in HTTP/1.1, as if it had offered nothing.
void install_alpn(SSL_CTX* context);

}  // namespace lintel::dataplane::tls
