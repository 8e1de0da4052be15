#pragma once

#include <string>
#include <string_view>

namespace lintel::dataplane {

// Appends `value` as a quoted JSON string. Bytes that are not valid UTF-8 become U+FFFD (as
// Go's encoding/json does) so the output always parses, whatever a client sent.
void append_json_string(std::string& out, std::string_view value);

}  // namespace lintel::dataplane
