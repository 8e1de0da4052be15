#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "asio_beast.h"
#include "client_buffer.h"
#include "client_stream.h"
#include "http1/chunked_decoder.h"
#include "http1/request_parser.h"

namespace lintel::dataplane {

// Where a request's body stands while it travels from the client to the upstream.
struct RequestBody {
  RequestBody(const http1::RequestHead& head, std::uint64_t max_bytes)
      : framing(head.body_framing()),
        remaining(head.content_length()),
        limit(max_bytes),
        expects_continue(head.expects_continue()) {}

  http1::BodyFraming framing;
  std::uint64_t remaining;  // Content-Length bytes not yet taken from the client
  std::uint64_t limit;      // a chunked body past it is refused (413)
  bool expects_continue;
  bool continue_sent = false;
  // Bytes were taken from the client: the request can no longer be sent again elsewhere.
  bool streamed = false;
  bool done = false;
  // The whole body was already buffered and went upstream without leaving the buffer (so that a
  // retry can send it again); the caller drops these bytes once the exchange is over.
  std::size_t replayable_bytes = 0;
  http1::ChunkedDecoder decoder;
  http1::ParseError error = http1::ParseError::kNone;  // after kBadBody
};

enum class SendResult {
  kSent,
  kUpstreamError,
  kUpstreamTimeout,
  kClientError,   // the client went away or stalled in the middle of its body
  kBadBody,       // chunked framing error: RequestBody::error says which
  kBodyTooLarge,  // a chunked body grew past RequestBody::limit
};

struct SendTimeouts {
  std::chrono::steady_clock::time_point upstream_deadline;  // max(): per operation instead
  std::chrono::milliseconds upstream_timeout;
  std::chrono::milliseconds client_timeout;
};

// Sends `head` and then the body to `upstream` as the client's bytes arrive: no more than one
// buffer's worth is ever held (backpressure both ways), a chunked body is decoded strictly and
// re-chunked, and "100 Continue" goes to a client that asked for it just before its body is
// first needed. Pipelined bytes after the body stay in `buffer`.
asio::awaitable<SendResult> send_request(beast::tcp_stream& upstream, ClientStream& client,
                                         ClientBuffer& buffer, std::string_view head,
                                         RequestBody& body, const SendTimeouts& timeouts);

}  // namespace lintel::dataplane
