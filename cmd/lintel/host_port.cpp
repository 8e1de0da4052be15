#include "host_port.h"

#include <algorithm>
#include <cctype>

namespace lintel::cmd {

bool split_host_port(const std::string& text, std::string& host, std::string& port,
                     std::string& error) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    error = "\"" + text + "\" is not HOST:PORT";
    return false;
  }
  port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) ||
      std::stoul(port) > 65535) {
    error = "\"" + text + "\" is not HOST:PORT (the port is a number up to 65535)";
    return false;
  }
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return true;
}

}  // namespace lintel::cmd
