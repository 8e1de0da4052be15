#include "lintel_process.h"

#include <fstream>
#include <sstream>
#include <thread>

#include "json_read.h"

namespace lintel::conformance {

namespace {

// The admin port from the last "lintel serving" log line (stderr, one JSON object per line).
int admin_port_from_log(const std::filesystem::path& log, std::streamoff from) {
  std::ifstream in(log);
  in.seekg(from);
  std::string line;
  int port = 0;
  while (std::getline(in, line)) {
    if (line.find("\"lintel serving\"") == std::string::npos) continue;
    Value entry;
    std::string error;
    if (!parse_json(line, entry, error)) continue;
    // Fields may sit at the top level or under "fields", depending on the log format.
    for (const Value* where : {&entry, entry.find("fields")}) {
      if (where && !(*where)["admin_port"].is_null())
        port = static_cast<int>(Value::plain((*where)["admin_port"].text()).as_long());
    }
  }
  return port;
}

}  // namespace

std::unique_ptr<LintelProcess> LintelProcess::start(const std::string& binary,
                                                    const std::filesystem::path& manifests,
                                                    const RunNetwork& network,
                                                    const std::filesystem::path& log,
                                                    std::string& error) {
  auto out = std::unique_ptr<LintelProcess>(new LintelProcess());
  out->binary_ = binary;
  out->manifests_ = manifests;
  out->log_ = log;
  out->network_ = network;
  if (!out->launch(error)) return nullptr;
  return out;
}

bool LintelProcess::restart(std::string& error) {
  if (process_) process_->stop();
  return launch(error);
}

bool LintelProcess::launch(std::string& error) {
  // Only what this launch logs counts: the log is appended to across restarts.
  std::error_code ignored;
  const auto from = static_cast<std::streamoff>(
      std::filesystem::exists(log_, ignored) ? std::filesystem::file_size(log_, ignored) : 0);
  // --http-port 1 for the Ingress listener: no conformance Gateway uses port 1.
  process_ =
      Process::spawn({binary_, "run", "--manifests", manifests_.string(), "--http-port", "1",
                      "--admin-port", "0", "--port-offset", std::to_string(network_.port_offset),
                      "--gateway-addresses", network_.prefix + "255.0/24", "--workers", "2"},
                     log_.string(), log_.string(), error);
  if (!process_) return false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_->running()) {
      error = "lintel run exited with " + std::to_string(process_->exit_status()) + "; see " +
              log_.string();
      return false;
    }
    const int port = admin_port_from_log(log_, from);
    if (port > 0) {
      admin_port_ = port;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  error = "lintel run did not report its admin port; see " + log_.string();
  return false;
}

bool LintelProcess::admin_get(const std::string& path, std::string& body,
                              std::string& error) const {
  const Captured run = run_captured({"curl", "--silent", "--show-error", "--fail", "--max-time",
                                     "5", "http://127.0.0.1:" + std::to_string(admin_port_) + path},
                                    std::chrono::seconds(8));
  if (run.exit_status != 0) {
    std::string why = run.err.empty() ? "no answer" : run.err;
    while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
    error = "admin " + path + ": " + why;
    return false;
  }
  body = run.out;
  return true;
}

bool LintelProcess::wait_for_marker(const std::string& marker,
                                    std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::string body, error;
    if (admin_get("/status", body, error) && body.find(marker) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::string lintel_version(const std::string& binary) {
  const Captured run = run_captured({binary, "version"}, std::chrono::seconds(5));
  std::istringstream words(run.out);
  std::string name, version;
  words >> name >> version;
  if (version.empty()) return "unknown";
  return version.front() == 'v' ? version : "v" + version;
}

}  // namespace lintel::conformance
