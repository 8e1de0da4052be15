#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "process.h"
#include "run_network.h"
#include "value.h"

namespace lintel::conformance {

// `lintel run` on the runner's manifest folder, its Gateways listening on the run's address
// with every port shifted by the run's offset, the admin port picked by the kernel.
class LintelProcess {
 public:
  static std::unique_ptr<LintelProcess> start(const std::string& binary,
                                              const std::filesystem::path& manifests,
                                              const RunNetwork& network,
                                              const std::filesystem::path& log, std::string& error);

  // Starts Lintel again after it died, on the same ports.
  bool restart(std::string& error);

  int port_offset() const { return network_.port_offset; }
  const std::string& address() const { return network_.gateway_address; }
  int admin_port() const { return admin_port_; }
  bool alive() { return process_->running(); }
  int exit_status() const { return process_->exit_status(); }
  const std::filesystem::path& log() const { return log_; }

  // GET on the admin port; false with `error` when there is no answer.
  bool admin_get(const std::string& path, std::string& body, std::string& error) const;
  // Waits until /status mentions `marker` (see Cluster::write_sync_marker).
  bool wait_for_marker(const std::string& marker, std::chrono::milliseconds timeout) const;

 private:
  bool launch(std::string& error);

  std::string binary_;
  std::filesystem::path manifests_;
  std::unique_ptr<Process> process_;
  std::filesystem::path log_;
  RunNetwork network_;
  int admin_port_ = 0;
};

// `lintel version` as a semantic version ("v0.1.0"), or "unknown".
std::string lintel_version(const std::string& binary);

}  // namespace lintel::conformance
