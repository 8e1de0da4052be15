#pragma once

#include <string_view>

#include "yaml_value.h"

namespace lintel::crdgen {

// Parses strict JSON (RFC 8259) into a YamlValue: how a field's `default` option, written as JSON
// text, becomes the CRD's `default`. Throws std::invalid_argument on anything else.
YamlValue parse_json(std::string_view text);

}  // namespace lintel::crdgen
