#include "replica_identity.h"

#include <unistd.h>

#include <cstdlib>

namespace lintel::cmd {

std::string replica_identity() {
  if (const char* pod = std::getenv("POD_NAME"); pod && *pod) return pod;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + "_" + std::to_string(getpid());
}

}  // namespace lintel::cmd
