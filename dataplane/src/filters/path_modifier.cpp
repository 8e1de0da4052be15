#include "filters/path_modifier.h"

#include <re2/re2.h>

#include <cctype>
#include <optional>
#include <vector>

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

// The group number of a `$N` or `${N}` reference at template_[at] ('$'); `at` moves past it.
std::optional<int> group_reference(std::string_view template_, std::size_t& at) {
  std::size_t digits = at + 1;
  bool braced = digits < template_.size() && template_[digits] == '{';
  if (braced) ++digits;
  std::size_t end = digits;
  while (end < template_.size() && end - digits < 2 &&
         std::isdigit(static_cast<unsigned char>(template_[end])))
    ++end;
  if (end == digits) return std::nullopt;
  if (braced) {
    if (end >= template_.size() || template_[end] != '}') return std::nullopt;
    ++end;
  }
  int number = 0;
  for (std::size_t i = digits; i < end - (braced ? 1 : 0); ++i)
    number = number * 10 + (template_[i] - '0');
  at = end;
  return number;
}

}  // namespace

std::string replace_regex_match(std::string_view path, const re2::RE2& regex,
                                std::string_view template_) {
  const int count = regex.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(count) + 1);
  if (!regex.Match(re2::StringPiece(path.data(), path.size()), 0, path.size(),
                   re2::RE2::ANCHOR_BOTH, groups.data(), count + 1))
    return std::string(path);
  std::string out;
  for (std::size_t at = 0; at < template_.size();) {
    if (template_[at] == '$') {
      std::size_t next = at;
      if (auto number = group_reference(template_, next)) {
        if (*number <= count) {
          const re2::StringPiece& group = groups[static_cast<std::size_t>(*number)];
          out.append(group.data(), group.size());
        }
        at = next;
        continue;
      }
    }
    out += template_[at++];
  }
  if (out.empty()) out = "/";
  return out;
}

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
  if (spec.type() == sv1::PathModifier::REPLACE_REGEX_MATCH) {
    if (match.type() != sv1::PathMatch::REGULAR_EXPRESSION) {
      error = "a regular-expression rewrite needs a RegularExpression path match";
      return false;
    }
    RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_shared<const RE2>(match.value(), options);
    if (!regex->ok()) {
      error = "invalid regular expression \"" + match.value() + "\": " + regex->error();
      return false;
    }
    out.regex_ = std::move(regex);
    out.full_ = false;
    return true;
  }
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
  std::string out = full_    ? value_
                    : regex_ ? replace_regex_match(path, *regex_, value_)
                             : replace_prefix_match(path, matched_prefix_, value_);
  if (question != std::string_view::npos) out.append(target.substr(question));
  return out;
}

}  // namespace lintel::dataplane::filters
