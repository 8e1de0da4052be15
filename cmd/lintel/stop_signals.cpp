#include <csignal>
#include <string>

#include "commands.h"
#include "lintel/support/log.h"

namespace lintel::cmd {

namespace {

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

void block_stop_signals() {
  sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A peer closing a socket must be an error code, never a process-killing signal.
  std::signal(SIGPIPE, SIG_IGN);
}

int wait_for_stop_signal() {
  sigset_t set = stop_signals();
  int signal = 0;
  sigwait(&set, &signal);
  log::info("stopping", {{"signal", std::to_string(signal)}});
  return signal;
}

}  // namespace lintel::cmd
