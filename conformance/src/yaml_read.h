#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "value.h"

namespace lintel::conformance {

// Every document of a YAML stream (libyaml), in order; empty documents are left out. Plain
// scalars stay plain, every other style becomes a quoted scalar. False with `error` (line and
// problem) on malformed input.
bool parse_yaml_documents(std::string_view text, std::vector<Value>& documents, std::string& error);

}  // namespace lintel::conformance
