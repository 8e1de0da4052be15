#include "go_duration.h"

#include <cstdint>

namespace lintel::dataplane {

std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text) {
  if (text == "0") return std::chrono::nanoseconds(0);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  constexpr std::int64_t kMax = INT64_MAX / 2;
  long double total = 0;
  while (!text.empty()) {
    std::size_t i = 0;
    long double number = 0;
    bool digits = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + (text[i] - '0');
      ++i;
      digits = true;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        number += (text[i] - '0') * scale;
        scale /= 10;
        ++i;
        digits = true;
      }
    }
    if (!digits) return std::nullopt;
    std::size_t unit_end = i;
    while (unit_end < text.size() && !(text[unit_end] >= '0' && text[unit_end] <= '9') &&
           text[unit_end] != '.') {
      ++unit_end;
    }
    const std::string_view unit = text.substr(i, unit_end - i);
    long double nanos_per_unit = 0;
    if (unit == "ns")
      nanos_per_unit = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
      nanos_per_unit = 1e3L;
    else if (unit == "ms")
      nanos_per_unit = 1e6L;
    else if (unit == "s")
      nanos_per_unit = 1e9L;
    else if (unit == "m")
      nanos_per_unit = 60e9L;
    else if (unit == "h")
      nanos_per_unit = 3600e9L;
    else
      return std::nullopt;
    total += number * nanos_per_unit;
    if (total > kMax) return std::nullopt;
    text.remove_prefix(unit_end);
  }
  return std::chrono::nanoseconds(static_cast<std::int64_t>(total));
}

}  // namespace lintel::dataplane
