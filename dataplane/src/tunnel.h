#pragma once

#include <chrono>

#include "asio_beast.h"
#include "client_stream.h"

namespace lintel::dataplane {

// Splices bytes both ways between `client` (plain or TLS) and `upstream` once an HTTP/1.1 Upgrade
// has been granted (a 101 relayed to the client), and returns when both directions have ended.
//
// - `client_pending` and `upstream_pending` hold what each side sent after its HTTP header
//   (bytes the HTTP parser read ahead); they go out first, then the sockets are relayed.
// - End of stream on one side is passed on as a half-close (shutdown-send on the other side),
//   and the other direction keeps flowing until it ends too.
// - A read or write error on either side, or `idle_timeout` without a byte moving in either
//   direction, closes both sockets.
//
// Both streams' own expiry is switched off; the caller owns them and closes them afterwards.
// Runs on the caller's (single-threaded) executor.
asio::awaitable<void> splice_tunnel(ClientStream& client, beast::flat_buffer& client_pending,
                                    beast::tcp_stream& upstream,
                                    beast::flat_buffer& upstream_pending,
                                    std::chrono::steady_clock::duration idle_timeout);

}  // namespace lintel::dataplane
