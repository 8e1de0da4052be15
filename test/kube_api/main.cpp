// lintel-test-apiserver [--port N]: the test API server (test_api_server.h) as a process, for
// end-to-end tests that drive it with curl and point `lintel run --kubeconfig` at it. Prints
// "listening on PORT" once it accepts, and serves until SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "test_api_server.h"

int main(int argc, char** argv) {
  long port = 0;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--port") == 0) port = std::strtol(argv[i + 1], nullptr, 10);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  lintel::test::TestApiServer server;
  std::string error;
  if (port < 0 || port > 65535 || !server.start(static_cast<std::uint16_t>(port), error)) {
    std::fprintf(stderr, "lintel-test-apiserver: %s\n",
                 error.empty() ? "bad --port" : error.c_str());
    return 1;
  }
  std::printf("listening on %u\n", server.port());
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  return 0;
}
