#pragma once

#include "lintel/api/object.h"

// Each decoded kind's identity, written once: the decoder's scheme and object keys both read it.
namespace lintel::api::detail {

template <typename T>
struct KindOf;

template <>
struct KindOf<Namespace> {
  static constexpr const char* group = "";
  static constexpr const char* kind = "Namespace";
  static constexpr const char* api_version = "v1";
  static constexpr bool namespaced = false;
};
template <>
struct KindOf<Service> {
  static constexpr const char* group = "";
  static constexpr const char* kind = "Service";
  static constexpr const char* api_version = "v1";
  static constexpr bool namespaced = true;
};
template <>
struct KindOf<EndpointSlice> {
  static constexpr const char* group = "discovery.k8s.io";
  static constexpr const char* kind = "EndpointSlice";
  static constexpr const char* api_version = "discovery.k8s.io/v1";
  static constexpr bool namespaced = true;
};
template <>
struct KindOf<Ingress> {
  static constexpr const char* group = "networking.k8s.io";
  static constexpr const char* kind = "Ingress";
  static constexpr const char* api_version = "networking.k8s.io/v1";
  static constexpr bool namespaced = true;
};
template <>
struct KindOf<IngressClass> {
  static constexpr const char* group = "networking.k8s.io";
  static constexpr const char* kind = "IngressClass";
  static constexpr const char* api_version = "networking.k8s.io/v1";
  static constexpr bool namespaced = false;
};

}  // namespace lintel::api::detail
