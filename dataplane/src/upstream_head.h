#pragma once

#include <string>
#include <string_view>

#include "asio_beast.h"
#include "http1/request_parser.h"

namespace lintel::dataplane {

// What this hop adds to a request on its way upstream.
struct ForwardingInfo {
  std::string_view client_address;
  std::string_view scheme;
  std::string_view request_id;  // 32 hex digits, used when the client sent no X-Request-Id
  bool upgrade = false;         // keep Upgrade and send "Connection: upgrade"
};

// Writes into `out` (cleared first; its capacity is reused) the HTTP/1.1 head to send upstream
// for a route without header filters: the request line with the target as received, every
// end-to-end field as received (hop-by-hop ones and those Connection names removed), the
// forwarding headers of add_forwarding_headers(), and the body's framing (Content-Length, or
// "Transfer-Encoding: chunked" for a chunked body, which is re-chunked on the way).
// Allocation-free once `out` has grown to the size of a typical head.
void write_upstream_head(const http1::RequestHead& head, const ForwardingInfo& info,
                         std::string& out);

// The same request as a Beast header, hop-by-hop fields stripped and forwarding headers added,
// for routes whose filters work on Beast fields. Allocates.
http::request_header<> to_beast_header(const http1::RequestHead& head, const ForwardingInfo& info);

// Writes `header` (as filters left it) into `out`, with the framing of `head`'s body.
void write_upstream_head(const http::request_header<>& header, const http1::RequestHead& head,
                         std::string& out);

}  // namespace lintel::dataplane
