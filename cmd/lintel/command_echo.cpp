#include <cstdio>
#include <string>

#include "commands.h"
#include "flags.h"
#include "lintel/dataplane/echo_server.h"
#include "lintel/support/log.h"

namespace lintel::cmd {

int run_echo(int argc, char** argv) {
  std::string error;
  auto flags = Flags::parse(
      argc, argv, {"name", "listen", "namespace", "pod", "ingress", "workers"}, {"quiet"}, error);
  long workers = 1;
  if (!flags || !flags->get_int("workers", 1, 1, 256, workers, error)) {
    std::fprintf(stderr, "lintel echo: %s\n", error.c_str());
    return 2;
  }
  if (!flags->has("name")) {
    std::fprintf(stderr, "lintel echo: --name is required\n");
    return 2;
  }
  dataplane::EchoOptions options;
  options.name = flags->get("name");
  options.pod = flags->get("pod");
  options.namespace_ = flags->get("namespace", "default");
  options.ingress = flags->get("ingress");
  options.listen = flags->get("listen", "127.0.0.1:3000");
  options.workers = static_cast<unsigned>(workers);
  options.log_requests = !flags->has("quiet");

  block_stop_signals();
  auto server = dataplane::EchoServer::start(options, error);
  if (!server) {
    std::fprintf(stderr, "lintel echo: %s\n", error.c_str());
    return 1;
  }
  log::info("echo backend serving", {{"name", options.name},
                                     {"listen", options.listen},
                                     {"port", std::to_string(server->port())}});
  wait_for_stop_signal();
  server->stop();
  return 0;
}

}  // namespace lintel::cmd
