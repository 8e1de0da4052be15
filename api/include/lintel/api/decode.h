#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lintel/api/object.h"

namespace lintel::api {

// One problem with one document of one file, worded as the API server words it so that users
// can search for it, and always naming where it is.
struct DecodeError {
  std::string file;
  int document = 0;     // 0-based index of the YAML document in the file
  std::string object;   // "Ingress default/simple-ingress"; empty when the object is unknown
  std::string message;  // e.g. `strict decoding error: unknown field "spec.service"`

  // "FILE: document N (Ingress default/x): MESSAGE"
  std::string to_string() const;
};

struct DecodedObject {
  Object object;
  std::string file;
  int document = 0;
};

struct DecodeResult {
  std::vector<DecodedObject> objects;
  std::vector<DecodeError> errors;
  // Objects of real Kubernetes kinds that Lintel does not read (a Deployment beside its
  // Service): skipped, and said so.
  std::vector<DecodeError> warnings;
};

// Which bundle of Gateway API CRDs the API server has installed. The experimental channel's is
// the superset; the standard channel's lacks the experimental kinds, versions, fields and enum
// values, so a manifest that uses them is refused as that API server refuses it.
enum class Channel { kExperimental, kStandard };

// "standard" or "experimental" (the `--channel` flag); nullopt for anything else.
std::optional<Channel> channel_named(std::string_view name);

// Decodes every document of a YAML (or JSON) text. Strict, as `kubectl apply` against an API
// server with field validation "Strict": unknown fields, duplicate keys and wrong types are
// errors, and an object with an error is not returned. Defaults are applied, then the object
// is validated. Never throws.
DecodeResult decode_manifests(std::string_view text, std::string_view file,
                              Channel channel = Channel::kExperimental);

}  // namespace lintel::api
