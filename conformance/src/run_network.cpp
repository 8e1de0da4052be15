#include "run_network.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>

namespace lintel::conformance {

namespace {

// Without SO_REUSEPORT, so that a socket another run holds (with or without it) is seen.
bool can_bind(const std::string& ip, int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, ip.c_str(), &address.sin_addr);
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

}  // namespace

bool choose_run_network(const std::set<int>& gateway_ports, RunNetwork& out, std::string& error) {
  std::mt19937 random{std::random_device{}()};
  const int highest = gateway_ports.empty() ? 0 : *gateway_ports.rbegin();
  std::uniform_int_distribution<int> pick_block(16, 250);
  std::uniform_int_distribution<int> pick_offset(15000, 60000 - highest);
  for (int attempt = 0; attempt < 200; ++attempt) {
    const std::string prefix = "127." + std::to_string(pick_block(random)) + ".";
    const std::string gateway_address = prefix + "255.254";
    const int offset = pick_offset(random);
    bool free = can_bind(prefix + "0.1", 3000);
    for (int port : gateway_ports) free = free && can_bind(gateway_address, port + offset);
    if (free) {
      out = {prefix, gateway_address, offset};
      return true;
    }
  }
  error = "no free loopback block and port offset for the Gateway ports";
  return false;
}

}  // namespace lintel::conformance
