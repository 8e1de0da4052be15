#pragma once

#include <cstdint>
#include <string_view>

#include "asio_beast.h"

namespace lintel::dataplane {

// Removes the hop-by-hop headers of RFC 9110 §7.6.1 (Connection, Keep-Alive,
// Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade) and every header the Connection
// header names: they describe one connection and must not travel to the next.
void strip_hop_by_hop(http::fields& fields);

// True when a Connection header (any of them) lists `token`, compared case-insensitively.
bool connection_has_token(const http::fields& fields, std::string_view token);

// An HTTP/1.1 protocol upgrade (RFC 9110 §7.8), as nginx and Envoy recognise one: the
// Connection header lists "upgrade" and an Upgrade header names a protocol.
bool is_upgrade_request(const http::request_header<>& request);

// strip_hop_by_hop for a message that carries an upgrade through this hop (the request that
// asks for it, the 101 that grants it): Upgrade is kept and Connection becomes "upgrade".
void strip_hop_by_hop_keep_upgrade(http::fields& fields);

// What ingress-nginx sends upstream: X-Forwarded-For gets the client address appended;
// X-Forwarded-Proto and X-Forwarded-Host are set from what this hop saw (a client cannot spoof
// them); X-Request-Id is kept if the client sent one, otherwise `request_id` (32 hex digits).
void add_forwarding_headers(http::fields& fields, std::string_view client_address,
                            std::string_view scheme, std::string_view request_id);

// 32 lower-case hex digits from two random words.
void format_request_id(std::uint64_t high, std::uint64_t low, char (&out)[32]);

}  // namespace lintel::dataplane
