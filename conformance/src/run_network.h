#pragma once

#include <set>
#include <string>

namespace lintel::conformance {

// The loopback block one run owns, 127.N.0.0/16: pods take 127.N.x.y, Lintel gives each Gateway
// an address of its own from 127.N.255.0/24 (the ports checked free on 127.N.255.254), with every
// listener port shifted by `port_offset`. Runs that share a
// machine then cannot answer each other's requests, even where Lintel binds with SO_REUSEPORT.
struct RunNetwork {
  std::string prefix;           // "127.N."
  std::string gateway_address;  // "127.N.255.254"
  int port_offset = 0;
};

// Picks N and the offset so that every Gateway port and the pods' port 3000 are free.
bool choose_run_network(const std::set<int>& gateway_ports, RunNetwork& out, std::string& error);

}  // namespace lintel::conformance
