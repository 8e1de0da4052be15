#include "filters/path_modifier.h"

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

// The next non-empty segment of `path` at or after `pos`; `pos` moves past it.
std::string_view next_segment(std::string_view path, std::size_t& pos) {
  while (pos < path.size() && path[pos] == '/') ++pos;
  const std::size_t start = pos;
  while (pos < path.size() && path[pos] != '/') ++pos;
  return path.substr(start, pos - start);
}

std::string_view without_trailing_slashes(std::string_view text) {
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string replace_prefix_match(std::string_view path, std::string_view matched_prefix,
                                 std::string_view replacement) {
  std::size_t prefix_pos = 0;
  std::size_t path_pos = 0;
  for (;;) {
    const std::string_view wanted = next_segment(matched_prefix, prefix_pos);
    if (wanted.empty()) break;
    if (next_segment(path, path_pos) != wanted) return std::string(path);
  }
  // What follows the matched elements is empty or starts with "/", so the replacement joins it
  // without its own trailing "/".
  std::string out(without_trailing_slashes(replacement));
  out.append(path.substr(path_pos));
  if (out.empty()) out = "/";
  return out;
}

bool PathModifier::compile(const sv1::PathModifier& spec, const sv1::PathMatch& match,
                           PathModifier& out, std::string& error) {
  out.value_ = spec.value();
  out.full_ = spec.type() != sv1::PathModifier::REPLACE_PREFIX_MATCH;
  if (out.full_) {
    if (out.value_.empty()) out.value_ = "/";
    return true;
  }
  if (match.type() == sv1::PathMatch::REGULAR_EXPRESSION) {
    error = "ReplacePrefixMatch needs a PathPrefix or Exact match, not a regular expression";
    return false;
  }
  out.matched_prefix_ = match.value();
  return true;
}

std::string PathModifier::apply(std::string_view target) const {
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  std::string out = full_ ? value_ : replace_prefix_match(path, matched_prefix_, value_);
  if (question != std::string_view::npos) out.append(target.substr(question));
  return out;
}

}  // namespace lintel::dataplane::filters
