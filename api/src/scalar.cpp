#include "scalar.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace lintel::api::detail {

namespace {

bool is_null_word(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

bool is_float(const std::string& s) {
  if (s == ".inf" || s == "-.inf" || s == "+.inf" || s == ".nan" || s == ".NaN" || s == ".Inf")
    return true;
  // Core-schema float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

}  // namespace

std::optional<std::int64_t> parse_int(const std::string& s) {
  if (s.empty()) return std::nullopt;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (*begin == '+') ++begin;
  std::int64_t value = 0;
  int base = 10;
  bool negative = false;
  if (begin != end && *begin == '-') {
    negative = true;
    ++begin;
  }
  if (end - begin > 2 && begin[0] == '0' && (begin[1] == 'x' || begin[1] == 'X')) {
    base = 16;
    begin += 2;
  } else if (end - begin > 2 && begin[0] == '0' && (begin[1] == 'o' || begin[1] == 'O')) {
    base = 8;
    begin += 2;
  }
  if (begin == end) return std::nullopt;
  auto [ptr, ec] = std::from_chars(begin, end, value, base);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return negative ? -value : value;
}

std::optional<bool> parse_bool(const std::string& s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

JsonType json_type(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kSequence:
      return JsonType::kArray;
    case YamlNode::Kind::kMapping:
      return JsonType::kObject;
    case YamlNode::Kind::kScalar:
      break;
  }
  if (!node.plain) return JsonType::kString;
  const std::string& s = node.scalar;
  if (is_null_word(s)) return JsonType::kNull;
  if (parse_bool(s)) return JsonType::kBool;
  if (parse_int(s) || is_float(s)) return JsonType::kNumber;
  return JsonType::kString;
}

const char* json_type_word(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBool:
      return "bool";
    case JsonType::kNumber:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kObject:
      return "object";
    case JsonType::kArray:
      return "array";
  }
  return "value";
}

}  // namespace lintel::api::detail
