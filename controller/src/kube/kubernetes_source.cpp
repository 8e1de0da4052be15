#include "kubernetes_source.h"

#include <algorithm>

namespace lintel::controller::kube {

const std::vector<ResourceType>& watched_kinds() {
  static const std::vector<ResourceType> kinds = {
      {"v1", "Namespace", "namespaces", false},
      {"v1", "Service", "services"},
      {"v1", "Secret", "secrets"},
      {"discovery.k8s.io/v1", "EndpointSlice", "endpointslices"},
      {"networking.k8s.io/v1", "IngressClass", "ingressclasses", false},
      {"networking.k8s.io/v1", "Ingress", "ingresses"},
      {"gateway.networking.k8s.io/v1", "GatewayClass", "gatewayclasses", false},
      {"gateway.networking.k8s.io/v1", "Gateway", "gateways"},
      {"gateway.networking.k8s.io/v1", "ListenerSet", "listenersets"},
      {"gateway.networking.k8s.io/v1", "HTTPRoute", "httproutes"},
      {"gateway.networking.k8s.io/v1", "GRPCRoute", "grpcroutes"},
      {"gateway.networking.k8s.io/v1", "TLSRoute", "tlsroutes"},
      {"gateway.networking.k8s.io/v1", "BackendTLSPolicy", "backendtlspolicies"},
      // v1beta1 is ReferenceGrant's storage version in v1.6.1; v1 is served beside it.
      {"gateway.networking.k8s.io/v1beta1", "ReferenceGrant", "referencegrants"},
  };
  return kinds;
}

KubernetesSource::KubernetesSource(ClusterAccess access, ReflectorOptions options,
                                   const std::vector<ResourceType>& kinds)
    : client_(std::move(access)) {
  for (const auto& kind : kinds)
    reflectors_.push_back(
        std::make_unique<Reflector>(client_, kind, options, [this] { changed(); }));
  for (auto& reflector : reflectors_)
    threads_.emplace_back([reflector = reflector.get()] { reflector->run(); });
}

KubernetesSource::~KubernetesSource() {
  // Every reflector knows it is stopping before any watch ends, so none takes it for a failure.
  for (auto& reflector : reflectors_) reflector->request_stop();
  client_.cancel_watches();
  for (auto& thread : threads_) thread.join();
}

void KubernetesSource::changed() {
  std::lock_guard lock(mutex_);
  ++changes_;
  signal_.notify_all();
}

ManifestLoad KubernetesSource::load() {
  ManifestLoad out;
  for (const auto& reflector : reflectors_) {
    for (auto& object : reflector->objects()) out.objects.push_back(std::move(object));
    for (const auto& error : reflector->decode_errors())
      out.errors.push_back(api::DecodeError{"kubernetes", 0, "", error});
  }
  return out;
}

bool KubernetesSource::wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle) {
  std::unique_lock lock(mutex_);
  const bool changed =
      signal_.wait_for(lock, timeout, [this] { return woken_ || changes_ != seen_; });
  if (woken_) {
    woken_ = false;
    return false;
  }
  if (!changed) return false;
  // Fold a burst (a kubectl apply of many objects) into one reconcile, within bounds.
  for (int round = 0; round < 20; ++round) {
    const std::uint64_t before = changes_;
    signal_.wait_for(lock, settle, [&] { return woken_ || changes_ != before; });
    if (woken_ || changes_ == before) break;
  }
  seen_ = changes_;
  return true;
}

void KubernetesSource::wake() {
  std::lock_guard lock(mutex_);
  woken_ = true;
  signal_.notify_all();
}

bool KubernetesSource::wait_for_sync(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mutex_);
  while (true) {
    bool all = true;
    for (const auto& reflector : reflectors_) all = all && reflector->synced();
    if (all) return true;
    if (signal_.wait_until(lock, deadline) == std::cv_status::timeout) {
      return std::all_of(reflectors_.begin(), reflectors_.end(),
                         [](const auto& reflector) { return reflector->synced(); });
    }
  }
}

}  // namespace lintel::controller::kube
