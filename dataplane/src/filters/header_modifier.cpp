#include "filters/header_modifier.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "http1/char_class.h"

namespace lintel::dataplane::filters {
namespace {

namespace cc = http1::detail;

// Changing these would desynchronise the framing the proxy computes, or reach past this hop.
constexpr std::array<std::string_view, 8> kProtected = {"content-length",   "transfer-encoding",
                                                        "connection",       "keep-alive",
                                                        "proxy-connection", "te",
                                                        "trailer",          "upgrade"};

bool same_name(std::string_view a, std::string_view b) {
  return beast::iequals(to_beast(a), to_beast(b));
}

bool is_token(std::string_view name) {
  return !name.empty() &&
         std::all_of(name.begin(), name.end(), [](char c) { return cc::is(c, cc::kTchar); });
}

bool is_field_value(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) { return cc::is(c, cc::kFieldValue); });
}

bool is_protected(std::string_view name) {
  return std::any_of(kProtected.begin(), kProtected.end(),
                     [name](std::string_view blocked) { return same_name(name, blocked); });
}

bool usable_name(std::string_view name) {
  return is_token(name) && !is_protected(name);
}

}  // namespace

HeaderModifier HeaderModifier::compile(const snapshot::v1::HeaderModifier& spec) {
  HeaderModifier out;
  const auto keep = [](const auto& from, std::vector<Entry>& into) {
    for (const auto& header : from) {
      if (!usable_name(header.name()) || !is_field_value(header.value())) continue;
      const bool repeated = std::any_of(into.begin(), into.end(), [&](const Entry& kept) {
        return same_name(kept.name, header.name());
      });
      if (!repeated) into.push_back(Entry{header.name(), header.value()});
    }
  };
  keep(spec.set(), out.set_);
  keep(spec.add(), out.add_);
  for (const auto& name : spec.remove()) {
    const bool repeated =
        std::any_of(out.remove_.begin(), out.remove_.end(),
                    [&](const std::string& kept) { return same_name(kept, name); });
    if (usable_name(name) && !repeated) out.remove_.push_back(name);
  }
  return out;
}

void HeaderModifier::apply(http::fields& fields) const {
  for (const auto& entry : set_) fields.set(entry.name, entry.value);
  for (const auto& entry : add_) {
    // Set-Cookie is the one header whose values cannot share a line (RFC 9110 §5.3).
    if (beast::iequals(entry.name, "set-cookie")) {
      fields.insert(entry.name, entry.value);
      continue;
    }
    const auto range = fields.equal_range(entry.name);
    if (range.first == range.second) {
      fields.insert(entry.name, entry.value);
      continue;
    }
    std::string joined;
    for (auto it = range.first; it != range.second; ++it) {
      joined.append(it->value().data(), it->value().size());
      joined.push_back(',');
    }
    joined.append(entry.value);
    fields.set(entry.name, joined);
  }
  for (const auto& name : remove_) fields.erase(name);
}

}  // namespace lintel::dataplane::filters
