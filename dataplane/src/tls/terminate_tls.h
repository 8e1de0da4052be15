#pragma once

#include <memory>

#include "proxy_worker.h"
#include "tls/server_tls.h"

namespace lintel::dataplane {

// Completes the TLS handshake of a connection accepted on an HTTPS port, with the port's
// certificates as they were at accept time, then serves it as any client connection. A failed
// or timed-out handshake only closes the connection (it is logged at debug level: scanners and
// clients with old TLS versions make them routine).
asio::awaitable<void> serve_tls_connection(tcp::socket socket, tcp::endpoint peer,
                                           tcp::endpoint bound,
                                           std::shared_ptr<const tls::ServerTls> server_tls,
                                           ProxyWorker& worker, const ProxyShared& shared);

}  // namespace lintel::dataplane
