#pragma once

#include <string_view>

#include "proxy_worker.h"

namespace lintel::dataplane::http2 {

// The client connection preface's first line (RFC 9113 §3.4): enough to tell an HTTP/2 client
// with prior knowledge from an HTTP/1.1 one, since no HTTP/1.1 request begins so.
inline constexpr std::string_view kPrefaceStart = "PRI * HTTP/2.0\r\n";

// An HTTP/1.1 request that asked to continue in HTTP/2 (Upgrade: h2c) and was answered 101: it
// becomes stream 1, whose answer goes out in HTTP/2.
struct UpgradedRequest {
  std::string_view head;      // the HTTP/1.1 request head as received
  std::string_view settings;  // the client's HTTP2-Settings, decoded
  bool is_head = false;       // a HEAD request
};

// Serves an HTTP/2 connection (h2 chosen by ALPN, or h2c with prior knowledge) until it ends.
// `received` holds bytes already read from the client (the start of its preface). Every stream
// is a request routed, filtered and forwarded to HTTP/1.1 upstreams as an HTTP/1.1 request.
asio::awaitable<void> serve_http2_connection(ClientStream& client, std::string_view received,
                                             const tcp::endpoint& peer, const tcp::endpoint& bound,
                                             ProxyWorker& worker, const ProxyShared& shared,
                                             const UpgradedRequest* upgraded = nullptr);

}  // namespace lintel::dataplane::http2
