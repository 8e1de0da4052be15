#pragma once

#include <string>

#include "asio_beast.h"

namespace lintel::dataplane {

// How the body of a response this hop sends to its client is delimited.
enum class ResponseFraming {
  kAsReceived,  // no body (HEAD, 204, 304), or the upstream's Content-Length: fields unchanged
  kChunked,     // re-framed for an HTTP/1.1 client: "Transfer-Encoding: chunked"
  kClose,       // the end of the connection ends it (an HTTP/1.0 client)
};

// Writes into `out` (cleared first; its capacity is reused, so this allocates nothing once `out`
// has grown to a typical head) the HTTP/1.1 head of `response` for the client: the status line
// with the upstream's reason phrase (or the standard one), every field as it stands except
// Content-Length when the body is re-framed, then the framing and the connection's fate
// ("Connection: close", or "Connection: keep-alive" for an HTTP/1.0 client that keeps it).
// Hop-by-hop fields must be gone already (strip_hop_by_hop).
void write_response_head(const http::response_header<>& response, ResponseFraming framing,
                         bool keep_alive, unsigned client_version, std::string& out);

}  // namespace lintel::dataplane
