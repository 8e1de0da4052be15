#include "reuse_port_acceptor.h"

#include <sys/socket.h>

namespace lintel::dataplane {

bool open_reuse_port_acceptor(tcp::acceptor& acceptor, const tcp::endpoint& endpoint,
                              std::string& error) {
  using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
  error_code ec;
  const auto fail = [&](const char* step) {
    error = std::string(step) + " " + endpoint.address().to_string() + ":" +
            std::to_string(endpoint.port()) + ": " + ec.message();
    error_code ignored;
    acceptor.close(ignored);
    return false;
  };
  if (acceptor.open(endpoint.protocol(), ec)) return fail("open");
  if (acceptor.set_option(asio::socket_base::reuse_address(true), ec)) return fail("reuse");
  if (acceptor.set_option(reuse_port(true), ec)) return fail("reuse port");
  if (endpoint.address().is_v6()) {
    // "::" should mean IPv6 only, so an IPv4 listener on the same port can coexist.
    if (acceptor.set_option(asio::ip::v6_only(true), ec)) return fail("v6only");
  }
  if (acceptor.bind(endpoint, ec)) return fail("bind");
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec)) return fail("listen");
  return true;
}

}  // namespace lintel::dataplane
