#include "canonical_header_name.h"

namespace lintel::dataplane {
namespace {

bool is_token_byte(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string canonical_header_name(std::string_view name) {
  std::string out(name);
  for (const char c : name) {
    if (!is_token_byte(static_cast<unsigned char>(c))) return out;
  }
  bool upper = true;
  for (char& c : out) {
    if (upper && c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
    else if (!upper && c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    upper = c == '-';
  }
  return out;
}

}  // namespace lintel::dataplane
