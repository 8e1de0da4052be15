#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lintel::dataplane::tls {

// Which of the HTTPS listeners sharing a port `name` selects, by their hostnames (lower case,
// "" for a listener without one): the exact hostname, else the longest "*." wildcard it falls
// under (any number of labels, as Gateway API listener hostnames match), else the listener
// without a hostname; -1 when none. `name` is compared without case and without a port.
int listener_for(const std::vector<std::string>& hostnames, std::string_view name);

// A request on a TLS connection whose Host selects another listener than its server name (SNI)
// did: Gateway API asks for 421 Misdirected Request then, so that a connection set up for one
// listener's certificate is not used for another's routes. Without a server name, never.
bool misdirected(const std::vector<std::string>& hostnames, std::string_view server_name,
                 std::string_view host);

}  // namespace lintel::dataplane::tls
