#pragma once

#include <string>

namespace lintel::cmd {

// This replica's name (in the Lease, in a proxy's Hello): the pod's (POD_NAME, from the downward
// API), else the host's, with the process id so that two on one host differ.
std::string replica_identity();

}  // namespace lintel::cmd
