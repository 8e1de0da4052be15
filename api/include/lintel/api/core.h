#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lintel/api/object_meta.h"

namespace lintel::api {

// core/v1 Namespace.
struct Namespace {
  ObjectMeta metadata;

  bool operator==(const Namespace&) const = default;
};

// core/v1 ServicePort. target_port is an IntOrString: either a number or a named port.
struct ServicePort {
  std::string name;
  std::string protocol = "TCP";
  std::int32_t port = 0;
  std::optional<std::int32_t> target_port_number;
  std::string target_port_name;
  std::string app_protocol;

  bool operator==(const ServicePort&) const = default;
};

// core/v1 Service.
struct Service {
  ObjectMeta metadata;
  std::string type = "ClusterIP";
  std::vector<ServicePort> ports;
  std::map<std::string, std::string> selector;
  std::string cluster_ip;

  bool operator==(const Service&) const = default;
};

// discovery.k8s.io/v1 EndpointPort.
struct EndpointPort {
  std::string name;
  std::string protocol = "TCP";
  std::optional<std::int32_t> port;
  std::string app_protocol;

  bool operator==(const EndpointPort&) const = default;
};

// discovery.k8s.io/v1 EndpointConditions; an absent `ready` means ready, as the API says.
struct EndpointConditions {
  std::optional<bool> ready;
  std::optional<bool> serving;
  std::optional<bool> terminating;

  bool operator==(const EndpointConditions&) const = default;
};

struct Endpoint {
  std::vector<std::string> addresses;
  EndpointConditions conditions;
  std::string hostname;
  std::string node_name;
  std::string zone;

  bool operator==(const Endpoint&) const = default;
};

// discovery.k8s.io/v1 EndpointSlice. The owning Service is named by the
// kubernetes.io/service-name label, exactly as in a cluster.
struct EndpointSlice {
  ObjectMeta metadata;
  std::string address_type;
  std::vector<Endpoint> endpoints;
  std::vector<EndpointPort> ports;

  static constexpr const char* kServiceNameLabel = "kubernetes.io/service-name";

  bool operator==(const EndpointSlice&) const = default;
};

}  // namespace lintel::api
