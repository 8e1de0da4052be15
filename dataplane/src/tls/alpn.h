#pragma once

#include <openssl/ssl.h>

#include <array>
#include <string_view>

namespace lintel::dataplane::tls {

// The application protocols a TLS listener offers, in the server's order of preference; the
// first one the client also offers is chosen. HTTP/2 joins as "h2", first, once it is served.
inline constexpr std::array kServerAlpnProtocols = {
    std::string_view("http/1.1"),
};

// Installs the ALPN choice on `context`. A client offering none of ours gets no ALPN answer
// and is spoken to in HTTP/1.1, as if it had offered nothing.
void install_alpn(SSL_CTX* context);

}  // namespace lintel::dataplane::tls
