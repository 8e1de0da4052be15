#pragma once

#include <string>
#include <string_view>

namespace lintel::dataplane {

// Go's textproto.CanonicalMIMEHeaderKey: "x-forwarded-for" -> "X-Forwarded-For". Names with
// a byte that is not a token character are returned unchanged, as Go does.
std::string canonical_header_name(std::string_view name);

}  // namespace lintel::dataplane
