#pragma once

#include "lintel/meta/v1/meta.pb.h"

// Annotations Lintel puts on the Gateway API objects it converts from Ingresses, for its own
// translator: they carry the Ingress meaning that Gateway API has no field for. Defined once
// here; `lintel migrate` writes no annotation under this prefix.
namespace lintel::conversion {

inline constexpr const char* kInternalAnnotationPrefix = "internal.lintel.io/";

// How the HTTPRoute's wildcard hostnames match: Ingress's `*.foo.com` matches exactly one
// label, where Gateway API's matches any number of them.
inline constexpr const char* kWildcardsAnnotation = "internal.lintel.io/wildcards";
inline constexpr const char* kSingleLabelWildcards = "single-label";

// ingress-nginx's rewrite-target with capture references ("/v$1/$2"): every rule of the HTTPRoute
// whose path is a RegularExpression rewrites the whole path to this template, `$N` replaced by the
// path's N-th capture group. Gateway API's URLRewrite cannot say it.
inline constexpr const char* kRegexRewriteAnnotation = "internal.lintel.io/regex-rewrite-target";

inline bool has_single_label_wildcards(const meta::v1::ObjectMeta& metadata) {
  auto found = metadata.annotations().find(kWildcardsAnnotation);
  return found != metadata.annotations().end() && found->second == kSingleLabelWildcards;
}

}  // namespace lintel::conversion
