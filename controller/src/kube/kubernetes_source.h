#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "api_client.h"
#include "lintel/controller/object_source.h"
#include "reflector.h"

namespace lintel::controller::kube {

// The kinds Lintel reads from a cluster, at the versions it asks for them.
const std::vector<ResourceType>& watched_kinds();

// The Kubernetes API as an ObjectSource: one reflector per kind, each on its own thread, and
// load() the union of what they hold. A kind whose CRD is not installed is logged and retried by
// its reflector; it never stops the others.
class KubernetesSource : public ObjectSource {
 public:
  KubernetesSource(ClusterAccess access, ReflectorOptions options,
                   const std::vector<ResourceType>& kinds = watched_kinds());
  ~KubernetesSource() override;

  ManifestLoad load() override;
  bool wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle) override;
  void wake() override;

  // Whether every kind has been listed once, within `timeout`: before that a reconcile would see
  // a partial cluster (routes without their Services) and report false problems.
  bool wait_for_sync(std::chrono::milliseconds timeout);
  ApiClient& client() { return client_; }
  // Counts as a change, so that the loop reconciles (and writes status) again, as when this
  // replica has just become the leader.
  void changed();

 private:
  ApiClient client_;
  std::vector<std::unique_ptr<Reflector>> reflectors_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable signal_;
  std::uint64_t changes_ = 0;
  std::uint64_t seen_ = 0;
  bool woken_ = false;
};

}  // namespace lintel::controller::kube
