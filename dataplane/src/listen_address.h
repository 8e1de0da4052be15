#pragma once

#include <string>
#include <string_view>

#include "asio_beast.h"

namespace lintel::dataplane {

// Parses "HOST:PORT" with an IPv4 literal or "[v6]:PORT"; port 0 asks the kernel for one.
bool parse_listen_address(std::string_view text, tcp::endpoint& endpoint, std::string& error);

// Builds an endpoint from an IP literal and a port (for snapshot addresses, which carry the
// two apart); "" means every IPv4 address.
bool make_endpoint(std::string_view address, unsigned port, tcp::endpoint& endpoint,
                   std::string& error);

// "1.2.3.4:80" or "[::1]:80", the form Go prints for a remote address.
std::string endpoint_to_string(const tcp::endpoint& endpoint);

}  // namespace lintel::dataplane
