#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "yaml_tree.h"

namespace lintel::api::detail {

// What a YAML node is once read as JSON, as sigs.k8s.io/yaml does before the API server's
// JSON decoder sees it: quoted scalars are strings; plain scalars resolve by the YAML core schema.
enum class JsonType { kNull, kBool, kNumber, kString, kObject, kArray };

JsonType json_type(const YamlNode& node);

// The word Go's encoding/json uses for a value of this type in "cannot unmarshal X into ...".
const char* json_type_word(JsonType type);

std::optional<std::int64_t> parse_int(const std::string& text);
std::optional<bool> parse_bool(const std::string& text);

}  // namespace lintel::api::detail
