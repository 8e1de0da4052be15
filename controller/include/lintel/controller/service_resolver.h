#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lintel/api/core.h"

namespace lintel::controller {

struct ResolvedEndpoint {
  std::string address;
  std::uint32_t port = 0;
  auto operator<=>(const ResolvedEndpoint&) const = default;
};

struct ResolvedService {
  std::string cluster_name;                 // "<namespace>/<service>:<service port>"
  std::vector<ResolvedEndpoint> endpoints;  // ready ones, sorted, without duplicates
};

// Why a reference to a Service did not resolve; the words end up in route status.
struct UnresolvedService {
  std::string reason;   // Gateway API reason: BackendNotFound
  std::string message;  // "service \"default/alpaca\" not found"
};

// A Service reference resolved as kube-proxy would: the Service's TCP port of that number,
// then the EndpointSlice port of the same name, then the ready endpoint addresses of every
// EndpointSlice labelled with the Service's name.
class ServiceResolver {
 public:
  ServiceResolver(std::vector<const api::Service*> services,
                  std::vector<const api::EndpointSlice*> slices);

  std::optional<ResolvedService> resolve(const std::string& namespace_, const std::string& name,
                                         std::int32_t port_number, UnresolvedService& why) const;

 private:
  using Key = std::pair<std::string, std::string>;  // namespace, Service name
  // Indexed once, so that resolving every backendRef of thousands of routes stays linear.
  std::map<Key, const api::Service*> services_;
  std::map<Key, std::vector<const api::EndpointSlice*>> slices_;
};

}  // namespace lintel::controller
