#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace lintel::conformance {

namespace {

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

struct Argv {
  explicit Argv(const std::vector<std::string>& args) {
    for (const auto& arg : args) pointers.push_back(const_cast<char*>(arg.c_str()));
    pointers.push_back(nullptr);
  }
  std::vector<char*> pointers;
};

// fork + exec rather than posix_spawn: the child must ask for PR_SET_PDEATHSIG itself. Between
// fork and exec only async-signal-safe calls are made (the runner is multi-threaded).
pid_t start_child(const std::string& path, const Argv& argv, int in_fd, int out_fd, int err_fd) {
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(127);
  if (in_fd >= 0) dup2(in_fd, 0);
  if (out_fd >= 0) dup2(out_fd, 1);
  if (err_fd >= 0) dup2(err_fd, 2);
  execv(path.c_str(), argv.pointers.data());
  _exit(127);
}

}  // namespace

std::string find_program(const std::string& program) {
  if (program.find('/') != std::string::npos)
    return access(program.c_str(), X_OK) == 0 ? program : "";
  const char* path = std::getenv("PATH");
  std::string folders = path ? path : "/usr/bin:/bin";
  size_t at = 0;
  while (at <= folders.size()) {
    const size_t colon = folders.find(':', at);
    std::string folder = folders.substr(at, colon == std::string::npos ? colon : colon - at);
    std::string candidate = (folder.empty() ? "." : folder) + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string::npos) break;
    at = colon + 1;
  }
  return "";
}

std::unique_ptr<Process> Process::spawn(const std::vector<std::string>& argv,
                                        const std::string& stdout_path,
                                        const std::string& stderr_path, std::string& error) {
  const std::string path = find_program(argv.at(0));
  if (path.empty()) {
    error = "cannot find program " + argv[0];
    return nullptr;
  }
  const int out_fd = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int err_fd = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || err_fd < 0 || null_fd < 0) {
    error = "cannot open output files: " + std::string(std::strerror(errno));
    for (int fd : {out_fd, err_fd, null_fd})
      if (fd >= 0) close(fd);
    return nullptr;
  }
  Argv args(argv);
  const pid_t pid = start_child(path, args, null_fd, out_fd, err_fd);
  close(out_fd);
  close(err_fd);
  close(null_fd);
  if (pid < 0) {
    error = "fork: " + std::string(std::strerror(errno));
    return nullptr;
  }
  return std::unique_ptr<Process>(new Process(pid));
}

Process::~Process() {
  stop();
}

bool Process::running() {
  if (reaped_) return false;
  int status = 0;
  const pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == 0) return true;
  reaped_ = true;
  status_ = done == pid_ ? decode_status(status) : -1;
  return false;
}

void Process::stop(std::chrono::milliseconds grace) {
  if (!running()) return;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (running()) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    status_ = decode_status(status);
  }
}

Captured run_captured(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                      const std::string& stdin_text) {
  Captured result;
  const std::string path = find_program(argv.at(0));
  if (path.empty()) {
    result.err = "cannot find program " + argv[0];
    return result;
  }
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) return result;
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    return result;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) close(fd);
    return result;
  }
  Argv args(argv);
  const pid_t pid = start_child(path, args, in_pipe[0], out_pipe[1], err_pipe[1]);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (pid < 0) {
    for (int fd : {in_pipe[1], out_pipe[0], err_pipe[0]}) close(fd);
    return result;
  }
  // Small inputs only (certificate requests): written at once, before reading.
  if (!stdin_text.empty()) {
    [[maybe_unused]] auto written = write(in_pipe[1], stdin_text.data(), stdin_text.size());
  }
  close(in_pipe[1]);

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_streams = 2;
  char buffer[16384];
  while (open_streams > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      result.timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    if (poll(fds, 2, static_cast<int>(left)) < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  for (const auto& entry : fds)
    if (entry.fd >= 0) close(entry.fd);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_status = decode_status(status);
  return result;
}

}  // namespace lintel::conformance
