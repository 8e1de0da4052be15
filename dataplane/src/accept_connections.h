#pragma once

#include <chrono>
#include <exception>

#include "asio_beast.h"

namespace lintel::dataplane {

// Accepts until the acceptor is closed, and serves each connection (TCP_NODELAY set) in a
// coroutine of its own on the acceptor's executor: `serve(socket, peer)` returns that coroutine.
// The peer's address comes with the accept, which spares a getpeername() per connection. An
// accept error, such as running out of descriptors, backs off for 50 ms instead of spinning.
template <typename Serve>
asio::awaitable<void> accept_connections(tcp::acceptor& acceptor, Serve serve) {
  for (;;) {
    error_code ec;
    tcp::endpoint peer;
    tcp::socket socket =
        co_await acceptor.async_accept(peer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {
      asio::steady_timer pause(acceptor.get_executor());
      pause.expires_after(std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(acceptor.get_executor(), serve(std::move(socket), peer),
                   [](std::exception_ptr) {});
  }
}

}  // namespace lintel::dataplane
