#include "listen_address.h"

#include <charconv>

namespace lintel::dataplane {
namespace {

// Out of line: g++ 12 at -O3 warns a false -Wrestrict (GCC PR 105329) when this is inlined
// into a string concatenation.
[[gnu::noinline]] std::string quoted(std::string_view text) {
  std::string out(text.size() + 2, '"');
  text.copy(out.data() + 1, text.size());
  return out;
}

}  // namespace

bool make_endpoint(std::string_view address, unsigned port, tcp::endpoint& endpoint,
                   std::string& error) {
  if (port > 65535) {
    error = "port " + std::to_string(port) + " is out of range";
    return false;
  }
  std::string literal(address.empty() ? std::string_view("0.0.0.0") : address);
  if (literal.size() > 2 && literal.front() == '[' && literal.back() == ']') {
    literal = literal.substr(1, literal.size() - 2);
  }
  error_code ec;
  const auto ip = asio::ip::make_address(literal, ec);
  if (ec) {
    error = quoted(address) + " is not an IP address";
    return false;
  }
  endpoint = tcp::endpoint(ip, static_cast<unsigned short>(port));
  return true;
}

bool parse_listen_address(std::string_view text, tcp::endpoint& endpoint, std::string& error) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    error = "listen address \"" + std::string(text) + "\" must be HOST:PORT";
    return false;
  }
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  if (host.find(':') != std::string_view::npos &&
      (host.size() < 2 || host.front() != '[' || host.back() != ']')) {
    error = "listen address \"" + std::string(text) + "\": write an IPv6 host as [addr]:port";
    return false;
  }
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    error = "listen address \"" + std::string(text) + "\": port must be a number from 0 to 65535";
    return false;
  }
  if (host.empty()) host = "0.0.0.0";
  std::string detail;
  if (!make_endpoint(host, port, endpoint, detail)) {
    error = "listen address \"" + std::string(text) + "\": " + detail;
    return false;
  }
  return true;
}

std::string endpoint_to_string(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  const std::string text = address.to_string();
  std::string out;
  out.reserve(text.size() + 8);
  if (address.is_v6()) out.push_back('[');
  out.append(text);
  if (address.is_v6()) out.push_back(']');
  out.push_back(':');
  out.append(std::to_string(endpoint.port()));
  return out;
}

}  // namespace lintel::dataplane
