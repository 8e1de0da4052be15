#pragma once

#include <chrono>
#include <memory>

#include "asio_beast.h"

namespace lintel::dataplane {

// Ends the reads of a partly received request head at a deadline by cancelling them, without
// closing the socket as Beast's stream timeout would, so that the client can still be told
// 408. Only the slow path pays for it (a head that did not arrive in one read): one small
// shared state, which the wait holds so that a wait that fired just as the read finished
// touches nothing that is gone.
class HeadReadDeadline {
 public:
  HeadReadDeadline(tcp::socket& socket, std::chrono::steady_clock::time_point deadline)
      : state_(std::make_shared<State>()), timer_(socket.get_executor()) {
    state_->socket = &socket;
    timer_.expires_at(deadline);
    timer_.async_wait([state = state_](const error_code& ec) {
      if (ec || state->finished) return;
      state->expired = true;
      error_code ignored;
      state->socket->cancel(ignored);
    });
  }
  ~HeadReadDeadline() { state_->finished = true; }
  HeadReadDeadline(const HeadReadDeadline&) = delete;
  HeadReadDeadline& operator=(const HeadReadDeadline&) = delete;

  bool expired() const { return state_->expired; }

 private:
  struct State {
    tcp::socket* socket = nullptr;
    bool finished = false;
    bool expired = false;
  };
  std::shared_ptr<State> state_;
  asio::steady_timer timer_;
};

}  // namespace lintel::dataplane
