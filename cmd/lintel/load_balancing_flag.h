#pragma once

#include "flags.h"
#include "lintel/dataplane/proxy_server.h"

namespace lintel::cmd {

// --load-balancing round-robin|least-request, for the commands that run a data plane; false
// (after saying why on stderr, as `lintel COMMAND: ...`) for any other value.
bool load_balancing_flag(const Flags& flags, const char* command, dataplane::LoadBalancing& out);

}  // namespace lintel::cmd
