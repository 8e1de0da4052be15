#pragma once

#include <chrono>

#include "asio_beast.h"
#include "client_buffer.h"
#include "request_body.h"

namespace lintel::dataplane {

// Whether the request could go upstream again as it went the first time: no body, or a
// Content-Length body held whole in `buffer` that no send has taken bytes from.
inline bool request_replayable(const RequestBody& body, const ClientBuffer& buffer) {
  if (body.streamed) return false;
  return body.framing == http1::BodyFraming::kNone ||
         (body.framing == http1::BodyFraming::kContentLength &&
          buffer.readable().size() >= body.remaining);
}

// Waits `wait` before a retry; false (without waiting) when the wait would end at or after
// `deadline`, the route's request timeout, which bounds every attempt and wait together.
inline asio::awaitable<bool> wait_before_retry(asio::io_context& io, std::chrono::milliseconds wait,
                                               std::chrono::steady_clock::time_point deadline) {
  if (std::chrono::steady_clock::now() + wait >= deadline) co_return false;
  if (wait.count() <= 0) co_return true;
  asio::steady_timer timer(io, wait);
  error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  co_return true;
}

}  // namespace lintel::dataplane
