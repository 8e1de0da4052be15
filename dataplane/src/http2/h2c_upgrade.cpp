#include "http2/h2c_upgrade.h"

#include "http1/char_class.h"
#include "lintel/support/text.h"

namespace lintel::dataplane::http2 {
namespace {

using http1::detail::iequals_any_case;

// True when a field named `name` lists `token` (comma-separated, any case).
bool lists_token(const http1::RequestHead& head, std::string_view name, std::string_view token) {
  for (std::size_t i = 0; i < head.field_count(); ++i) {
    const auto field = head.field(i);
    if (!iequals_any_case(field.name, name)) continue;
    std::string_view list = field.value;
    while (!list.empty()) {
      const auto comma = list.find(',');
      if (iequals_any_case(support::trim_whitespace(list.substr(0, comma)), token)) return true;
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  return false;
}

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> decode_base64url(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    const int value = sextet(c);
    if (value < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<unsigned>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

bool asks_for_h2c(const http1::RequestHead& head) {
  return lists_token(head, "upgrade", "h2c");
}

std::optional<std::string> h2c_upgrade_settings(const http1::RequestHead& head) {
  if (head.version() != http1::HttpVersion::kHttp11 || !head.upgrade_requested()) {
    return std::nullopt;
  }
  if (head.body_framing() != http1::BodyFraming::kNone) return std::nullopt;
  if (!asks_for_h2c(head) || !lists_token(head, "connection", "http2-settings")) {
    return std::nullopt;
  }
  if (head.count("http2-settings") != 1) return std::nullopt;
  auto settings = decode_base64url(support::trim_whitespace(*head.find("http2-settings")));
  // A SETTINGS payload is a whole number of 6-byte entries (RFC 9113 §6.5.1).
  if (!settings || settings->size() % 6 != 0) return std::nullopt;
  return settings;
}

}  // namespace lintel::dataplane::http2
