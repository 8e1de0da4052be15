#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lintel/api/object_meta.h"

// gateway.networking.k8s.io/v1: Lintel's one internal model. Ingresses are converted into it.
namespace lintel::api {

inline constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

struct GatewayClass {
  ObjectMeta metadata;
  std::string controller_name;
  std::string description;

  bool operator==(const GatewayClass&) const = default;
};

enum class FromNamespaces { kSame, kAll, kSelector };

struct ListenerAllowedRoutes {
  FromNamespaces from = FromNamespaces::kSame;

  bool operator==(const ListenerAllowedRoutes&) const = default;
};

struct Listener {
  std::string name;
  std::optional<std::string> hostname;
  std::int32_t port = 0;
  std::string protocol;  // HTTP, HTTPS, TLS, TCP, UDP
  ListenerAllowedRoutes allowed_routes;

  bool operator==(const Listener&) const = default;
};

struct Gateway {
  ObjectMeta metadata;
  std::string gateway_class_name;
  std::vector<Listener> listeners;

  bool operator==(const Gateway&) const = default;
};

struct ParentReference {
  std::string group = kGatewayGroup;
  std::string kind = "Gateway";
  std::optional<std::string> namespace_;
  std::string name;
  std::optional<std::string> section_name;
  std::optional<std::int32_t> port;

  bool operator==(const ParentReference&) const = default;
};

enum class PathMatchType { kExact, kPathPrefix, kRegularExpression };

struct HTTPPathMatch {
  PathMatchType type = PathMatchType::kPathPrefix;
  std::string value = "/";

  bool operator==(const HTTPPathMatch&) const = default;
};

enum class StringMatchType { kExact, kRegularExpression };

struct HTTPHeaderMatch {
  StringMatchType type = StringMatchType::kExact;
  std::string name;
  std::string value;

  bool operator==(const HTTPHeaderMatch&) const = default;
};

struct HTTPQueryParamMatch {
  StringMatchType type = StringMatchType::kExact;
  std::string name;
  std::string value;

  bool operator==(const HTTPQueryParamMatch&) const = default;
};

struct HTTPRouteMatch {
  HTTPPathMatch path;
  std::vector<HTTPHeaderMatch> headers;
  std::vector<HTTPQueryParamMatch> query_params;
  std::optional<std::string> method;

  bool operator==(const HTTPRouteMatch&) const = default;
};

struct HTTPBackendRef {
  std::string group;  // "" is core
  std::string kind = "Service";
  std::string name;
  std::optional<std::string> namespace_;
  std::optional<std::int32_t> port;
  // Lintel-internal, set only by the Ingress conversion: Ingress may name a Service port by name,
  // which Gateway API cannot express; the translator resolves it against the Service.
  std::string port_name;
  std::int32_t weight = 1;

  bool operator==(const HTTPBackendRef&) const = default;
};

struct HTTPRouteRule {
  std::optional<std::string> name;
  std::vector<HTTPRouteMatch> matches;  // defaulted to one PathPrefix "/" match when empty
  std::vector<HTTPBackendRef> backend_refs;

  bool operator==(const HTTPRouteRule&) const = default;
};

struct HTTPRoute {
  ObjectMeta metadata;
  std::vector<ParentReference> parent_refs;
  std::vector<std::string> hostnames;
  std::vector<HTTPRouteRule> rules;
  // Lintel-internal, set only by the Ingress conversion: Ingress's `*.foo.com` matches exactly
  // one label, Gateway API's matches any number; the translator keeps the Ingress meaning.
  bool single_label_wildcards = false;

  bool operator==(const HTTPRoute&) const = default;
};

}  // namespace lintel::api
