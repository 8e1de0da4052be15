#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cluster.h"
#include "process.h"

namespace lintel::conformance {

// A pod of a Deployment, played by one `lintel echo` process on its own loopback address.
struct Pod {
  std::string name;
  std::string namespace_;
  std::string deployment;
  std::map<std::string, std::string> labels;
  std::map<std::string, int> named_ports;  // container ports by name
  std::string ip;
  int http_port = 3000;
  std::filesystem::path log;
  std::unique_ptr<Process> process;
};

// A ready EndpointSlice endpoint for `pod`, as the EndpointSlice controller writes one.
Value endpoint_of(const Pod& pod);

// The parts of a cluster that make Deployments into reachable endpoints: a kubelet that starts
// a `lintel echo` process per replica of every echo-basic Deployment (answering with the pod's
// name and namespace, as upstream's downward API gives them), and the EndpointSlice controller,
// which lists the pods each Service selects. Every pod gets its own loopback address, so that a
// Service's targetPort is the port the pod really listens on.
class Fleet {
 public:
  // Pods get addresses `ip_prefix`x.y ("127.N.").
  Fleet(std::string lintel_binary, std::filesystem::path log_folder, std::string ip_prefix);
  ~Fleet();

  // Brings pods and managed EndpointSlices in line with the Deployments and Services in the
  // cluster. False with `error` when a pod could not start.
  bool reconcile(Cluster& cluster, std::string& error);

  std::vector<const Pod*> pods_of_deployment(const std::string& namespace_,
                                             const std::string& name) const;
  const std::vector<std::unique_ptr<Pod>>& pods() const { return pods_; }
  // Deployments with no pods, and why (images or modes `lintel echo` cannot play).
  const std::map<std::string, std::string>& not_emulated() const { return not_emulated_; }

 private:
  bool start_pods(const Value& deployment, const Cluster& cluster, std::string& error);
  void write_endpoint_slices(Cluster& cluster);
  std::string next_ip();

  std::string lintel_binary_;
  std::filesystem::path log_folder_;
  std::string ip_prefix_;
  int next_host_ = 0;
  std::vector<std::unique_ptr<Pod>> pods_;
  std::map<std::string, std::string> not_emulated_;
};

// Marks EndpointSlices the Fleet manages (as kube-controller-manager's slices are marked).
inline constexpr const char* kManagedBy = "endpointslice.kubernetes.io/managed-by";
inline constexpr const char* kManager = "lintel-conformance";

}  // namespace lintel::conformance
