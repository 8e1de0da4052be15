#include "tls/terminate_tls.h"

#include <algorithm>
#include <chrono>

#include "http2/server_connection.h"
#include "lintel/support/log.h"
#include "tls/alpn.h"

namespace lintel::dataplane {

namespace {

// A handshake is a few round trips; a client that takes longer is stalling.
constexpr std::chrono::milliseconds kHandshakeTimeout{10000};

}  // namespace

asio::awaitable<void> serve_tls_connection(tcp::socket socket, tcp::endpoint peer,
                                           tcp::endpoint bound,
                                           std::shared_ptr<const tls::ServerTls> server_tls,
                                           ProxyWorker& worker, const ProxyShared& shared) {
  ClientStream::TlsStream stream(beast::tcp_stream(std::move(socket)),
                                 server_tls->handshake_context());
  stream.next_layer().expires_after(
      std::min(kHandshakeTimeout, shared.options.client_idle_timeout));
  error_code ec;
  co_await stream.async_handshake(asio::ssl::stream_base::server,
                                  asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    log::debug("TLS handshake failed", {{"client", peer.address().to_string()},
                                        {"port", std::to_string(bound.port())},
                                        {"error", ec.message()}});
    co_return;
  }
  const bool http2 = tls::negotiated_http2(stream.native_handle());
  ClientStream client(std::move(stream), std::move(server_tls));
  if (http2) {
    co_await http2::serve_http2_connection(client, {}, peer, bound, worker, shared);
    error_code ignored;
    client.socket().shutdown(tcp::socket::shutdown_send, ignored);
    co_return;
  }
  co_await serve_proxy_connection(std::move(client), peer, bound, worker, shared);
}

}  // namespace lintel::dataplane
