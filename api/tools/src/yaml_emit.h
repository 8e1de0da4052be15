#pragma once

#include <string>
#include <string_view>

#include "yaml_value.h"

// Block-style YAML text for a YamlValue, laid out as controller-gen lays out CRDs: two-space
// indentation, sequences not indented under their key, keys in sorted order.
namespace lintel::crdgen {

std::string emit_yaml(const YamlValue& document);

// A string as a YAML scalar: plain where a YAML 1.1 or 1.2 reader would read it back as the same
// string, quoted otherwise.
std::string yaml_scalar(std::string_view text);

}  // namespace lintel::crdgen
