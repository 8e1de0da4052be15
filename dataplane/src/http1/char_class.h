// Byte classes of RFC 9110 §5.6 / RFC 3986 as one 256-entry table, shared by the request parser
// and the chunked decoder so that each byte costs one load and one mask.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace lintel::http1::detail {

enum CharClass : std::uint8_t {
  kTchar = 1 << 0,       // token characters (RFC 9110 §5.6.2)
  kFieldValue = 1 << 1,  // VCHAR / obs-text / SP / HTAB (RFC 9110 §5.5)
  kHex = 1 << 2,         // HEXDIG
  kDigit = 1 << 3,       // DIGIT
  kPathChar = 1 << 4,    // pchar / "/" / "?" without "%" (RFC 3986 §3.3, §3.4)
  kRegName = 1 << 5,     // unreserved / sub-delims, without "%" (RFC 3986 §3.2.2)
  kQdText = 1 << 6,      // qdtext (RFC 9110 §5.6.4)
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
  std::array<std::uint8_t, 256> table{};
  auto add = [&](const char* chars, std::uint8_t bits) {
    for (const char* c = chars; *c != '\0'; ++c) table[static_cast<unsigned char>(*c)] |= bits;
  };
  for (int c = 0; c < 256; ++c) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    std::uint8_t bits = 0;
    if (alpha || digit) bits |= kTchar | kPathChar | kRegName;
    if (digit) bits |= kDigit | kHex;
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) bits |= kHex;
    if ((c >= 0x21 && c <= 0x7e) || c >= 0x80 || c == ' ' || c == '\t') bits |= kFieldValue;
    if (c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) ||
        (c >= 0x5d && c <= 0x7e) || c >= 0x80) {
      bits |= kQdText;
    }
    table[static_cast<std::size_t>(c)] = bits;
  }
  add("!#$%&'*+-.^_`|~", kTchar);
  // unreserved "-._~" and sub-delims "!$&'()*+,;=".
  add("-._~!$&'()*+,;=", kRegName | kPathChar);
  add(":@/?", kPathChar);
  return table;
}

inline constexpr std::array<std::uint8_t, 256> kCharClasses = make_char_classes();

constexpr bool is(char c, std::uint8_t bits) {
  return (kCharClasses[static_cast<unsigned char>(c)] & bits) != 0;
}
constexpr bool is_ows(char c) {
  return c == ' ' || c == '\t';
}
constexpr char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
// ASCII case-insensitive equality (field names, tokens); `lower` must be lower-case already.
constexpr bool iequals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != lower[i]) return false;
  }
  return true;
}
constexpr bool iequals_any_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}
constexpr int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace lintel::http1::detail
