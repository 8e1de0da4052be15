#pragma once

namespace lintel::cmd {

// Each command takes the arguments after its name and returns the process exit code.
int run_echo(int argc, char** argv);
int run_run(int argc, char** argv);
int run_controller(int argc, char** argv);
int run_proxy(int argc, char** argv);
int run_validate(int argc, char** argv);
int run_migrate(int argc, char** argv);
int run_status(int argc, char** argv);

// Blocks SIGINT and SIGTERM in the calling thread (call before starting any thread, so every
// thread inherits the mask), then later waits for one of them and logs it.
void block_stop_signals();
int wait_for_stop_signal();

}  // namespace lintel::cmd
