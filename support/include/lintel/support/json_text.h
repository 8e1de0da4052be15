#pragma once

#include <string>
#include <string_view>

namespace lintel::support {

// Appends `text` to `out` as a JSON string literal (quotes included). Control characters are
// escaped; bytes that are not valid UTF-8 become U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace lintel::support
