#include "tunnel.h"

#include <memory>

namespace lintel::dataplane {
namespace {

constexpr std::size_t kTunnelChunk = 16 * 1024;

auto redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

// What the two relay coroutines and the watchdog share. Only the executor's one thread
// touches it.
struct TunnelState {
  TunnelState(const asio::any_io_executor& executor, tcp::socket& client_socket,
              tcp::socket& upstream_socket)
      : client(client_socket), upstream(upstream_socket), wake(executor) {}

  void touch() { last_activity = std::chrono::steady_clock::now(); }

  // Ends the tunnel now: pending reads and writes on both sides complete with an error.
  void abort() {
    if (aborted) return;
    aborted = true;
    error_code ignored;
    client.close(ignored);
    upstream.close(ignored);
  }

  tcp::socket& client;
  tcp::socket& upstream;
  std::chrono::steady_clock::time_point last_activity = std::chrono::steady_clock::now();
  int running = 2;
  bool aborted = false;
  asio::steady_timer wake;  // the watchdog sleeps on it; a relay that ends cancels it
};

void shutdown_send(tcp::socket& socket, error_code& ec) {
  socket.shutdown(tcp::socket::shutdown_send, ec);
}
// Over TLS too a half-close is the TCP one: TLS has no half-close of its own that clients use.
void shutdown_send(ClientStream& client, error_code& ec) {
  client.socket().shutdown(tcp::socket::shutdown_send, ec);
}

// One direction: `pending`, then everything read from `from`, written to `to`.
template <typename From, typename To>
asio::awaitable<void> relay(From& from, beast::flat_buffer& pending, To& to, TunnelState& state) {
  error_code ec;
  if (pending.size() > 0) {
    co_await asio::async_write(to, pending.data(), redirect(ec));
    pending.consume(pending.size());
    if (ec) {
      state.abort();
      co_return;
    }
    state.touch();
  }
  const auto chunk = std::make_unique<char[]>(kTunnelChunk);
  for (;;) {
    const std::size_t read =
        co_await from.async_read_some(asio::buffer(chunk.get(), kTunnelChunk), redirect(ec));
    if (ec == asio::error::eof) {
      // A half-close: pass it on, and let the other direction run until it ends too.
      error_code ignored;
      shutdown_send(to, ignored);
      co_return;
    }
    if (ec) {
      state.abort();
      co_return;
    }
    state.touch();
    co_await asio::async_write(to, asio::buffer(chunk.get(), read), redirect(ec));
    if (ec) {
      state.abort();
      co_return;
    }
    state.touch();
  }
}

}  // namespace

asio::awaitable<void> splice_tunnel(ClientStream& client, beast::flat_buffer& client_pending,
                                    beast::tcp_stream& upstream,
                                    beast::flat_buffer& upstream_pending,
                                    std::chrono::steady_clock::duration idle_timeout) {
  const auto executor = co_await asio::this_coro::executor;
  client.expires_never();
  upstream.expires_never();
  TunnelState state(executor, client.socket(), upstream.socket());
  // The relays only start once this coroutine suspends below, and this coroutine returns only
  // after both have called this: `state` outlives every use of it.
  const auto relay_ended = [&state](std::exception_ptr) {
    --state.running;
    state.wake.cancel();
  };
  asio::co_spawn(executor, relay(client, client_pending, upstream.socket(), state), relay_ended);
  asio::co_spawn(executor, relay(upstream.socket(), upstream_pending, client, state), relay_ended);
  error_code ec;
  while (state.running > 0) {
    if (state.aborted) {
      // The relays are finishing with errors; wait for them.
      state.wake.expires_at(std::chrono::steady_clock::time_point::max());
    } else {
      const auto deadline = state.last_activity + idle_timeout;
      if (std::chrono::steady_clock::now() >= deadline) {
        state.abort();
        continue;
      }
      state.wake.expires_at(deadline);
    }
    co_await state.wake.async_wait(redirect(ec));
  }
}

}  // namespace lintel::dataplane
