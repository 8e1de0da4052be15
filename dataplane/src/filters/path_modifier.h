#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lintel/snapshot/v1/snapshot.pb.h"

namespace re2 {
class RE2;
}

namespace lintel::dataplane::filters {

// Gateway API's ReplacePrefixMatch on a path (no query): the leading path elements equal to
// `matched_prefix`'s are replaced by `replacement`, element-wise, so that a trailing "/" on
// either side does not double or drop a separator ("/foo/bar", "/foo", "/xyz" -> "/xyz/bar";
// "/foo/bar", "/foo", "/" -> "/bar"; "/foo", "/foo", "" -> "/"). Empty segments in `path` are
// skipped while matching, as the router does. A path the prefix does not match is returned
// unchanged.
std::string replace_prefix_match(std::string_view path, std::string_view matched_prefix,
                                 std::string_view replacement);

// `template_` with `$N` / `${N}` replaced by the N-th capture group of `regex` matching the whole
// `path` (nothing for a group that did not take part, or beyond the regex's groups); `path`
// unchanged when the regex does not match it.
std::string replace_regex_match(std::string_view path, const re2::RE2& regex,
                                std::string_view template_);

// Gateway API's HTTPPathModifier, compiled against the route whose match it rewrites.
class PathModifier {
 public:
  // Fails when ReplacePrefixMatch sits on a route whose path is a regular expression: there is
  // no prefix to replace; and when REPLACE_REGEX_MATCH sits on a route whose path is not one.
  static bool compile(const snapshot::v1::PathModifier& spec, const snapshot::v1::PathMatch& match,
                      PathModifier& out, std::string& error);

  // The request-target (path with an optional "?query") with its path modified; the query is
  // kept as it was.
  std::string apply(std::string_view target) const;

 private:
  bool full_ = true;
  std::shared_ptr<const re2::RE2> regex_;  // REPLACE_REGEX_MATCH: the route's path regex
  std::string value_;
  std::string matched_prefix_;
};

}  // namespace lintel::dataplane::filters
