#include "request_body.h"

#include <algorithm>
#include <cstdio>

#include "write_pieces.h"

namespace lintel::dataplane {
namespace {

auto redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kLastChunk = "0\r\n\r\n";

SendResult upstream_failure(const error_code& ec) {
  return ec == beast::error::timeout ? SendResult::kUpstreamTimeout : SendResult::kUpstreamError;
}

}  // namespace

asio::awaitable<SendResult> send_request(beast::tcp_stream& upstream, ClientStream& client,
                                         ClientBuffer& buffer, std::string_view head,
                                         RequestBody& body, const SendTimeouts& timeouts) {
  const auto upstream_expiry = [&] {
    return timeouts.upstream_deadline != std::chrono::steady_clock::time_point::max()
               ? timeouts.upstream_deadline
               : std::chrono::steady_clock::now() + timeouts.upstream_timeout;
  };
  error_code ec;
  WritePieces out;
  out.add(head);
  const bool whole_body_buffered = body.framing == http1::BodyFraming::kContentLength &&
                                   !body.streamed && buffer.readable().size() >= body.remaining;
  if (body.framing == http1::BodyFraming::kNone || body.done || whole_body_buffered) {
    if (whole_body_buffered) {
      out.add(buffer.readable().substr(0, body.remaining));
      body.replayable_bytes = body.remaining;
    }
    upstream.expires_at(upstream_expiry());
    co_await asio::async_write(upstream, out.buffers(), redirect(ec));
    if (ec) co_return upstream_failure(ec);
    body.done = true;
    co_return SendResult::kSent;
  }

  char size_line[20];
  for (;;) {
    const std::string_view readable = buffer.readable();
    std::size_t consumed = 0;
    bool need_read = false;
    if (body.framing == http1::BodyFraming::kContentLength) {
      consumed = static_cast<std::size_t>(std::min<std::uint64_t>(body.remaining, readable.size()));
      out.add(readable.substr(0, consumed));
      body.remaining -= consumed;
      body.done = body.remaining == 0;
      need_read = !body.done;
    } else {
      const auto result = body.decoder.decode(readable);
      consumed = result.consumed;
      switch (result.status) {
        case http1::ChunkedStatus::kError:
          body.error = result.error;
          co_return SendResult::kBadBody;
        case http1::ChunkedStatus::kData: {
          if (body.decoder.body_bytes() > body.limit) co_return SendResult::kBodyTooLarge;
          const int length =
              std::snprintf(size_line, sizeof(size_line), "%zx\r\n", result.data.size());
          out.add(std::string_view(size_line, static_cast<std::size_t>(length)));
          out.add(result.data);
          out.add(kCrlf);
          break;
        }
        case http1::ChunkedStatus::kNeedMore:
          need_read = true;
          break;
        case http1::ChunkedStatus::kComplete:
          out.add(kLastChunk);
          body.done = true;
          break;
      }
    }
    if (!out.empty()) {
      upstream.expires_at(upstream_expiry());
      co_await asio::async_write(upstream, out.buffers(), redirect(ec));
      if (ec) co_return upstream_failure(ec);
      out.clear();
    }
    if (consumed > 0) body.streamed = true;
    buffer.consume(consumed);
    if (body.done) co_return SendResult::kSent;
    if (!need_read) continue;
    if (body.expects_continue && !body.continue_sent) {
      body.continue_sent = true;
      client.expires_after(timeouts.client_timeout);
      co_await asio::async_write(client, asio::buffer(kContinue), redirect(ec));
      if (ec) co_return SendResult::kClientError;
    }
    client.expires_after(timeouts.client_timeout);
    const std::size_t read = co_await client.async_read_some(buffer.prepare(), redirect(ec));
    if (ec) co_return SendResult::kClientError;
    buffer.commit(read);
    body.streamed = true;
  }
}

}  // namespace lintel::dataplane
