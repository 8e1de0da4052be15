#include "lintel/api/object.h"

namespace lintel::api {

namespace {

template <typename T>
struct KindOf;
template <>
struct KindOf<Namespace> {
  static constexpr const char* group = "";
  static constexpr const char* kind = "Namespace";
};
template <>
struct KindOf<Service> {
  static constexpr const char* group = "";
  static constexpr const char* kind = "Service";
};
template <>
struct KindOf<EndpointSlice> {
  static constexpr const char* group = "discovery.k8s.io";
  static constexpr const char* kind = "EndpointSlice";
};
template <>
struct KindOf<Ingress> {
  static constexpr const char* group = "networking.k8s.io";
  static constexpr const char* kind = "Ingress";
};
template <>
struct KindOf<IngressClass> {
  static constexpr const char* group = "networking.k8s.io";
  static constexpr const char* kind = "IngressClass";
};

}  // namespace

std::string ObjectKey::to_string() const {
  std::string out = kind;
  out += ' ';
  if (!namespace_.empty()) {
    out += namespace_;
    out += '/';
  }
  out += name;
  return out;
}

const ObjectMeta& meta_of(const Object& object) {
  return std::visit([](const auto& o) -> const ObjectMeta& { return o.metadata; }, object);
}

ObjectMeta& meta_of(Object& object) {
  return std::visit([](auto& o) -> ObjectMeta& { return o.metadata; }, object);
}

ObjectKey key_of(const Object& object) {
  return std::visit(
      [](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        return ObjectKey{KindOf<T>::group, KindOf<T>::kind, o.metadata.namespace_, o.metadata.name};
      },
      object);
}

bool IngressClass::is_default() const {
  auto it = metadata.annotations.find(kIsDefaultClassAnnotation);
  return it != metadata.annotations.end() && it->second == "true";
}

}  // namespace lintel::api
