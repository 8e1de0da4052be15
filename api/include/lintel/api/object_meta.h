#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace lintel::api {

// The part of metav1.ObjectMeta that Lintel reads; everything else a manifest may carry in
// metadata is accepted by the decoder and dropped, as the API server keeps it but we never use it.
struct ObjectMeta {
  std::string name;
  std::string namespace_;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::int64_t generation = 0;
  std::string resource_version;
  // RFC 3339 in UTC as the API server writes it ("2026-11-25T10:39:52Z"), so comparing the
  // strings orders the times; empty when a manifest does not say (standalone mode).
  std::string creation_timestamp;
  std::string uid;

  bool operator==(const ObjectMeta&) const = default;
};

// Identifies one object in the store: "networking.k8s.io/Ingress default/host-ingress".
struct ObjectKey {
  std::string group;
  std::string kind;
  std::string namespace_;
  std::string name;

  auto operator<=>(const ObjectKey&) const = default;
  std::string to_string() const;
};

}  // namespace lintel::api
