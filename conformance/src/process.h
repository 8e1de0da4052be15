#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace lintel::conformance {

// A child process the runner owns: started with its output in files, asked to stop with
// SIGTERM (then SIGKILL), and told by the kernel to stop if the runner dies first.
class Process {
 public:
  static std::unique_ptr<Process> spawn(const std::vector<std::string>& argv,
                                        const std::string& stdout_path,
                                        const std::string& stderr_path, std::string& error);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  int exit_status() const { return status_; }  // once !running(): exit code, or 128 + signal
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));

 private:
  explicit Process(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  bool reaped_ = false;
  int status_ = -1;
};

struct Captured {
  int exit_status = -1;  // exit code, or 128 + signal; -1 when it could not start
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs a program to completion (killed after `timeout`), collecting stdout and stderr.
Captured run_captured(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                      const std::string& stdin_text = "");

// The full path of `program` (as given when it has a '/', else found on PATH), or "".
std::string find_program(const std::string& program);

}  // namespace lintel::conformance
