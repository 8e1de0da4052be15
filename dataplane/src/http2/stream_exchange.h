#pragma once

#include <memory>

#include "http2/connection_state.h"

namespace lintel::dataplane::http2 {

// Serves one stream's request, whose head has arrived: routes it as HTTP/1.1 requests are
// routed, answers it or forwards it to an HTTP/1.1 upstream, streaming the request body up and
// the response body down with bounded buffers.
asio::awaitable<void> serve_stream(std::shared_ptr<Http2Connection> connection,
                                   std::shared_ptr<Http2Stream> stream);

// Submits an answer of this hop's own (`body` as text/plain) on `stream`.
void submit_own_answer(Http2Connection& connection, Http2Stream& stream, unsigned status,
                       std::string_view body, const filters::HeaderModifier* headers = nullptr,
                       std::string_view location = {});

}  // namespace lintel::dataplane::http2
