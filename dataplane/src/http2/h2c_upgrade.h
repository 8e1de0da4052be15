#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http1/request_parser.h"

namespace lintel::dataplane::http2 {

// The SETTINGS payload of an HTTP/1.1 request asking to continue in HTTP/2 over cleartext
// (RFC 7540 §3.2, dropped from RFC 9113 but still sent by curl --http2 and others): Upgrade
// lists "h2c", Connection lists "upgrade" and "HTTP2-Settings", exactly one HTTP2-Settings field
// holds base64url (§3.2.1). Only requests without a body are upgraded: the body would have to
// arrive in HTTP/1.1 and the answer in HTTP/2, and a server may always decline (§3.2). Nullopt
// when the request does not ask, or asks wrongly; it is then served in HTTP/1.1.
std::optional<std::string> h2c_upgrade_settings(const http1::RequestHead& head);

// True when the Upgrade field lists "h2c": such a request is never a tunnel to the upstream,
// whether this hop takes the upgrade or declines it (and drops the field).
bool asks_for_h2c(const http1::RequestHead& head);

// RFC 4648 §5 base64url without padding (padding tolerated); nullopt on any other byte.
std::optional<std::string> decode_base64url(std::string_view text);

}  // namespace lintel::dataplane::http2
