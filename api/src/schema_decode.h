#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "lintel/api/validate.h"
#include "yaml_tree.h"

// The strict decoder of every schema message: a YAML/JSON tree into a generated message, guided
// by the descriptors alone. It behaves as the API server does with a CRD and field validation
// "Strict": unknown fields are a decoding error, a value of the wrong JSON type is a field error,
// null is absent, and each absent field that has a default gets it.
namespace lintel::api::detail {

struct SchemaDecodeProblems {
  std::vector<std::string> unknown_fields;  // "spec.rules[0].foo"
  std::vector<std::string> strict_errors;   // duplicate keys
  std::vector<FieldError> field_errors;     // wrong types; reported with the validation errors
};

// `node` must be a mapping; `path` is its field path ("" for an object's root). `go_kind` names a
// built-in kind (Service), whose type errors are encoding/json's; empty for a custom resource.
// With `standard_channel`, the experimental fields are unknown and get no default, as with the
// standard channel's CRDs.
void decode_schema_message(const YamlNode& node, google::protobuf::Message& message,
                           const std::string& path, SchemaDecodeProblems& problems,
                           const std::string& go_kind = "", bool standard_channel = false);

// Sets `field` of `message` to its schema default, if it has one (nested defaults included).
void apply_schema_default(google::protobuf::Message& message,
                          const google::protobuf::FieldDescriptor* field);

// Compact JSON for a YAML tree, as sigs.k8s.io/yaml converts it.
std::string to_compact_json(const YamlNode& node);

}  // namespace lintel::api::detail
