#pragma once

#include <string>

#include "asio_beast.h"

namespace lintel::dataplane {

// Opens, binds and listens with SO_REUSEPORT so every worker can own an acceptor on the same
// port and the kernel spreads connections across them without a shared accept lock.
bool open_reuse_port_acceptor(tcp::acceptor& acceptor, const tcp::endpoint& endpoint,
                              std::string& error);

}  // namespace lintel::dataplane
