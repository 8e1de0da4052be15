#include "load_balancing_flag.h"

#include <cstdio>

namespace lintel::cmd {

bool load_balancing_flag(const Flags& flags, const char* command, dataplane::LoadBalancing& out) {
  const std::string value = flags.get("load-balancing", "round-robin");
  if (value == "round-robin") {
    out = dataplane::LoadBalancing::kRoundRobin;
  } else if (value == "least-request") {
    out = dataplane::LoadBalancing::kLeastRequest;
  } else {
    std::fprintf(stderr, "lintel %s: --load-balancing is round-robin or least-request, not %s\n",
                 command, value.c_str());
    return false;
  }
  return true;
}

}  // namespace lintel::cmd
