#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"

namespace {

constexpr const char* kUsage = R"(lintel: a Gateway API-first ingress gateway

Usage:
  lintel run  --manifests PATH [--manifests PATH ...] [--http-port 8080] [--admin-port 9901]
              [--admin-address 127.0.0.1]
              [--bind-address 0.0.0.0] [--workers N] [--ingress-class lintel] [--port-offset N]
              [--status-dir DIR] [--gateway-addresses 127.1.0.0/24]
              [--channel experimental|standard] [--load-balancing round-robin|least-request]
      Serve the Gateway API objects and Ingresses (and the Services and EndpointSlices they
      name) found in the manifest files and folders, and apply every change to them live.
      --gateway-addresses gives every Gateway an IPv4 address of its own from the block
      (reported in its status.addresses) instead of one shared --bind-address.
  lintel run  --kubeconfig FILE [--kube-context NAME] | --in-cluster  [--watch-namespace NS]
              [the flags above but --manifests]
      Serve what a cluster's API server holds instead of a folder: every kind Lintel reads is
      listed and watched, changes apply live, and status is written back through /status.
  lintel controller (--manifests PATH ... | --kubeconfig FILE | --in-cluster)
              [--snapshot-listen 0.0.0.0:18000] [the flags of run but --workers, --port-offset]
              [--snapshot-tls-cert PEM --snapshot-tls-key PEM [--snapshot-client-ca PEM]]
      `lintel run` without a data plane: serve each snapshot to the `lintel proxy`es that
      connect (HTTP/2, stream.proto), and report what each serves on the admin port's /proxies.
      Snapshots carry the private keys of TLS listeners: off loopback, give the TLS flags
      (TLS 1.3; with --snapshot-client-ca, proxies must present a certificate it signed).
  lintel proxy --controller HOST:PORT [--workers N] [--admin-port 9901]
              [--admin-address 127.0.0.1] [--bind-address A] [--port-offset N] [--node NAME]
              [--load-balancing round-robin|least-request]
              [--controller-ca PEM [--controller-server-name NAME]
               [--controller-client-cert PEM --controller-client-key PEM]]
      The data plane alone: serve what the controller sends, keep serving the last snapshot
      while it is gone, and reconnect. /readyz answers 200 once a first snapshot serves.
      With --controller-ca the stream is TLS, and the controller's certificate must name
      NAME (default: the --controller host, DNS name or IP address).
  lintel status [--admin 127.0.0.1:9901]
      Print the status of the Gateway API objects a running `lintel run` serves, with every
      condition, as `kubectl get` would.
  lintel echo --name NAME [--listen 127.0.0.1:3000] [--namespace default] [--pod POD]
              [--ingress NAME] [--workers N] [--quiet]
      An HTTP echo backend that answers with a JSON description of each request.
  lintel validate -f FILE|DIR [-f FILE|DIR ...] [--channel experimental|standard]
      Check manifests offline with the API server's rules and words; exit 1 on any error.
      --channel: the Gateway API CRD bundle to check against (experimental, the superset, by
      default; standard refuses experimental kinds, fields and values).
  lintel migrate -f FILE|DIR [-f FILE|DIR ...] [--ingress-class lintel]
      Print the Gateway API objects (GatewayClass, Gateway, HTTPRoutes) that Lintel serves
      for the Ingresses found: the objects to commit when moving to Gateway API.
  lintel version
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string command = argv[1];
  if (command == "version" || command == "--version") {
    std::printf("lintel %s\n", LINTEL_VERSION);
    return 0;
  }
  if (command == "run") return lintel::cmd::run_run(argc - 2, argv + 2);
  if (command == "controller") return lintel::cmd::run_controller(argc - 2, argv + 2);
  if (command == "proxy") return lintel::cmd::run_proxy(argc - 2, argv + 2);
  if (command == "echo") return lintel::cmd::run_echo(argc - 2, argv + 2);
  if (command == "validate") return lintel::cmd::run_validate(argc - 2, argv + 2);
  if (command == "migrate") return lintel::cmd::run_migrate(argc - 2, argv + 2);
  if (command == "status") return lintel::cmd::run_status(argc - 2, argv + 2);
  std::fprintf(stderr, "lintel: unknown command \"%s\"\n\n%s", command.c_str(), kUsage);
  return 2;
}
