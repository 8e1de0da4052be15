#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lintel::controller {

// Why the data plane would skip an entry of a header filter (snapshot.proto, HeaderModifier):
// a name that is not an HTTP token or that frames the message or belongs to one hop, a value
// with a control character. nullopt when the entry is applied. The translator leaves such
// entries out and not_served() names them, so the snapshot holds exactly what is applied.
std::optional<std::string> header_name_problem(std::string_view name);
std::optional<std::string> header_value_problem(std::string_view value);

}  // namespace lintel::controller
