#include "lintel/support/duration.h"

#include <algorithm>
#include <array>

namespace lintel::support {

namespace {

struct DurationUnit {
  std::string_view name;
  std::int64_t milliseconds;
};
// "ms" before "m", so that milliseconds are not read as minutes.
constexpr std::array kDurationUnits = {DurationUnit{"ms", 1}, DurationUnit{"h", 3600000},
                                       DurationUnit{"m", 60000}, DurationUnit{"s", 1000}};
// Gateway API allows five digits per part; more cannot be a valid duration and could overflow.
constexpr std::size_t kMaxDigits = 5;

}  // namespace

std::optional<std::int64_t> gateway_duration_ms(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  while (!text.empty()) {
    std::int64_t number = 0;
    std::size_t digits = 0;
    for (; digits < text.size() && text[digits] >= '0' && text[digits] <= '9'; ++digits) {
      if (digits == kMaxDigits) return std::nullopt;
      number = number * 10 + (text[digits] - '0');
    }
    text.remove_prefix(digits);
    auto unit = std::find_if(kDurationUnits.begin(), kDurationUnits.end(),
                             [&](const DurationUnit& u) { return text.starts_with(u.name); });
    if (digits == 0 || unit == kDurationUnits.end()) return std::nullopt;
    total += number * unit->milliseconds;
    text.remove_prefix(unit->name.size());
  }
  return total;
}

}  // namespace lintel::support
