#pragma once

#include <string>
#include <string_view>

namespace lintel::support {

// Drops spaces and tabs at both ends (HTTP's optional whitespace, RFC 9110 §5.6.3).
std::string_view trim_whitespace(std::string_view text);

// Decodes %XX escapes; a '%' not followed by two hex digits stays as it is. With
// `plus_is_space`, '+' becomes ' ' as in application/x-www-form-urlencoded query strings.
std::string percent_decode(std::string_view text, bool plus_is_space);

// The decoded value of the first parameter named `name` (compared decoded, case-sensitive) in
// a query string without its '?'; false when there is none.
bool find_query_parameter(std::string_view query, std::string_view name, std::string& value);

}  // namespace lintel::support
