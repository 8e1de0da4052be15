#include "lintel_sync.h"

namespace lintel::conformance {

bool sync_lintel(Environment& env, std::string& error) {
  if (!env.fleet.reconcile(env.cluster, error)) return false;
  const std::string marker = env.cluster.write_sync_marker();
  if (!env.lintel.wait_for_marker(marker, std::chrono::seconds(5))) {
    error = "Lintel did not reload the manifest folder within 5 s";
    return false;
  }
  return true;
}

}  // namespace lintel::conformance
