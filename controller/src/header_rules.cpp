#include "header_rules.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace lintel::controller {

namespace {

// Changing these would desynchronise the framing the proxy computes, or reach past this hop.
constexpr std::array<std::string_view, 8> kProtected = {"content-length",   "transfer-encoding",
                                                        "connection",       "keep-alive",
                                                        "proxy-connection", "te",
                                                        "trailer",          "upgrade"};

bool is_tchar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// RFC 9110 field-value: visible characters, obs-text, space and tab.
bool is_field_value_char(char c) {
  auto byte = static_cast<unsigned char>(c);
  return c == '\t' || (byte >= 0x20 && byte != 0x7f);
}

}  // namespace

std::optional<std::string> header_name_problem(std::string_view name) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_tchar))
    return "not an HTTP header name";
  for (std::string_view protected_name : kProtected)
    if (same_name(name, protected_name))
      return "frames the message or belongs to one hop; the proxy manages it";
  return std::nullopt;
}

std::optional<std::string> header_value_problem(std::string_view value) {
  if (!std::all_of(value.begin(), value.end(), is_field_value_char))
    return "the value has a control character";
  return std::nullopt;
}

}  // namespace lintel::controller
