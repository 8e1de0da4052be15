#pragma once

#include <chrono>

#include "asio_beast.h"

namespace lintel::dataplane::http2 {

// Lets one coroutine sleep until another, on the same thread, has news for it. A notify()
// before the wait is not lost: the next wait() returns at once.
class Wakeup {
 public:
  explicit Wakeup(asio::any_io_executor executor) : timer_(std::move(executor)) {}

  void notify() {
    pending_ = true;
    timer_.cancel();
  }

  asio::awaitable<void> wait() {
    if (!pending_) {
      timer_.expires_at(asio::steady_timer::time_point::max());
      error_code ignored;
      co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }
    pending_ = false;
  }

 private:
  asio::steady_timer timer_;
  bool pending_ = false;
};

}  // namespace lintel::dataplane::http2
