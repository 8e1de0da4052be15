#pragma once

#include <optional>
#include <string>

#include "api_client.h"

namespace lintel::controller::kube {

// What a kubeconfig context says: how to reach the API server, and the context's namespace.
struct KubeconfigAccess {
  ClusterAccess access;
  std::string namespace_;
};

// The kubeconfig at `path`, with `context` (empty: its current-context). Files it names are
// read relative to its folder, as kubectl reads them. Exec plugins and auth-providers are not
// run: such a user is refused with a message that says what to use instead.
std::optional<KubeconfigAccess> access_from_kubeconfig(const std::string& path,
                                                       const std::string& context,
                                                       std::string& error);

// Inside a pod: KUBERNETES_SERVICE_HOST and _PORT, and the service account's token (re-read
// before every request, since the kubelet rotates it) and CA bundle under `secrets`.
std::optional<ClusterAccess> access_in_cluster(
    std::string& error,
    const std::string& secrets = "/var/run/secrets/kubernetes.io/serviceaccount");

}  // namespace lintel::controller::kube
