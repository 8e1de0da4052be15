#pragma once

#include <algorithm>
#include <string_view>

#include "http1/char_class.h"

namespace lintel::dataplane::filters {

// A hostname a filter may put in Host or Location: RFC 3986 reg-name characters only, so a
// snapshot can never inject a header line or a different URL part.
inline bool is_valid_hostname(std::string_view host) {
  namespace cc = http1::detail;
  return std::all_of(host.begin(), host.end(), [](char c) { return cc::is(c, cc::kRegName); });
}

}  // namespace lintel::dataplane::filters
