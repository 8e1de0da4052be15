#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lintel/api/object_meta.h"

namespace lintel::api {

// networking.k8s.io/v1 ServiceBackendPort: exactly one of name or number is set.
struct ServiceBackendPort {
  std::string name;
  std::optional<std::int32_t> number;

  bool operator==(const ServiceBackendPort&) const = default;
};

struct IngressServiceBackend {
  std::string name;
  ServiceBackendPort port;

  bool operator==(const IngressServiceBackend&) const = default;
};

struct TypedLocalObjectReference {
  std::string api_group;
  std::string kind;
  std::string name;

  bool operator==(const TypedLocalObjectReference&) const = default;
};

struct IngressBackend {
  std::optional<IngressServiceBackend> service;
  std::optional<TypedLocalObjectReference> resource;

  bool operator==(const IngressBackend&) const = default;
};

enum class PathType { kExact, kPrefix, kImplementationSpecific };

struct HTTPIngressPath {
  std::string path;
  std::optional<PathType> path_type;
  IngressBackend backend;

  bool operator==(const HTTPIngressPath&) const = default;
};

struct IngressRule {
  std::string host;
  // Absent `http` is legal: the rule then only contributes its host (and gets the default backend).
  std::optional<std::vector<HTTPIngressPath>> http_paths;

  bool operator==(const IngressRule&) const = default;
};

struct IngressTLS {
  std::vector<std::string> hosts;
  std::string secret_name;

  bool operator==(const IngressTLS&) const = default;
};

struct IngressSpec {
  std::optional<std::string> ingress_class_name;
  std::optional<IngressBackend> default_backend;
  std::vector<IngressTLS> tls;
  std::vector<IngressRule> rules;

  bool operator==(const IngressSpec&) const = default;
};

struct Ingress {
  ObjectMeta metadata;
  IngressSpec spec;

  bool operator==(const Ingress&) const = default;
};

struct IngressClassParametersReference {
  std::string api_group;
  std::string kind;
  std::string name;
  std::string scope;
  std::string namespace_;

  bool operator==(const IngressClassParametersReference&) const = default;
};

struct IngressClass {
  ObjectMeta metadata;
  std::string controller;
  std::optional<IngressClassParametersReference> parameters;

  static constexpr const char* kIsDefaultClassAnnotation =
      "ingressclass.kubernetes.io/is-default-class";
  bool is_default() const;

  bool operator==(const IngressClass&) const = default;
};

}  // namespace lintel::api
