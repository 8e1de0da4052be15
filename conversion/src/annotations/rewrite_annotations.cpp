#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "annotations/annotation_appliers.h"
#include "annotations/route_edits.h"
#include "lintel/conversion/internal_annotations.h"

namespace lintel::conversion::annotations {

namespace gv1 = gateway::v1;

namespace {

bool has_regex_syntax(const std::string& path) {
  return path.find_first_of("*+?()[]{}|^$\\") != std::string::npos;
}

// The largest N of the target's `$N` / `${N}` references; -1 when the target refers to something
// else (an nginx variable), which Lintel cannot evaluate.
int largest_reference(const std::string& target) {
  int largest = 0;
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '$') continue;
    std::size_t digits = i + 1 < target.size() && target[i + 1] == '{' ? i + 2 : i + 1;
    std::size_t end = digits;
    while (end < target.size() && std::isdigit(static_cast<unsigned char>(target[end]))) ++end;
    if (end == digits) return -1;
    if (digits == i + 2) {
      if (end >= target.size() || target[end] != '}') return -1;
    }
    largest = std::max(largest, std::stoi(target.substr(digits, end - digits)));
  }
  return largest;
}

// ingress-nginx's regex locations are `~* "^PATH"`: case-insensitive, anchored at the start
// only. Lintel's RegularExpression matches the whole path, hence the trailing `.*`.
std::string regex_match_of(const std::string& path) {
  return "(?i)(?:" + path + ").*";
}

// `PREFIX(/|$)(.*)` with target `/$2`: exactly a PathPrefix with ReplacePrefixMatch "/", but for
// the case of the letters (the canonical example of ingress-nginx's rewrite documentation).
std::optional<std::string> canonical_prefix(const std::string& path, const std::string& target) {
  const std::string tail = "(/|$)(.*)";
  if (target != "/$2" || path.size() <= tail.size() ||
      path.compare(path.size() - tail.size(), tail.size(), tail) != 0)
    return std::nullopt;
  std::string prefix = path.substr(0, path.size() - tail.size());
  if (prefix.empty() || prefix.front() != '/' || has_regex_syntax(prefix) || prefix.back() == '/')
    return std::nullopt;
  return prefix;
}

class RewriteApplier {
 public:
  explicit RewriteApplier(AnnotationContext& context) : context_(context) {}

  void apply() {
    const std::string* target = context_.value("rewrite-target");
    auto use_regex = context_.boolean("use-regex");
    if (target && !valid_target(*target)) target = nullptr;
    bool regex = (use_regex && *use_regex) || target;
    if (!regex) {
      if (use_regex) context_.converted("use-regex", "\"false\": nothing to do");
      return;
    }
    for (std::size_t r = 0; r < context_.route_count(); ++r) {
      gv1::HTTPRoute& route = context_.route(r);
      auto* rules = route.mutable_spec()->mutable_rules();
      for (int i = rules->size() - 1; i >= 0; --i) {
        if (!rewrite_rule(route, *rules->Mutable(i), target)) rules->DeleteSubrange(i, 1);
      }
    }
    report(target, use_regex.value_or(false));
  }

 private:
  bool valid_target(const std::string& target) {
    references_ = largest_reference(target);
    if (target.empty() || target.front() != '/') {
      context_.invalid("rewrite-target", "must be an absolute path (\"/\" or \"/app/$1\")");
      return false;
    }
    if (references_ < 0 || target.find('?') != std::string::npos) {
      context_.unsupported("rewrite-target",
                           "\"" + target +
                               "\" uses nginx variables or sets a query; Lintel "
                               "rewrites with $N capture references only. The paths are served "
                               "without rewriting");
      return false;
    }
    return true;
  }

  // False when the rule cannot be served and must go.
  bool rewrite_rule(gv1::HTTPRoute& route, gv1::HTTPRouteRule& rule, const std::string* target) {
    if (rule.matches_size() != 1 || !rule.matches(0).has_path()) return true;
    gv1::HTTPPathMatch& match = *rule.mutable_matches(0)->mutable_path();
    if (match.type() == "Exact") {
      if (target) *url_rewrite_of(rule).mutable_path() = full_path(without_references(*target));
      return true;
    }
    const std::string path = match.value();
    if (target) {
      if (auto prefix = canonical_prefix(path, *target)) {
        match.set_value(*prefix);
        *url_rewrite_of(rule).mutable_path() = prefix_path("/");
        ++prefix_rewrites_;
        return true;
      }
    }
    if (!has_regex_syntax(path)) {
      ++literal_paths_;
      if (target) *url_rewrite_of(rule).mutable_path() = full_path(without_references(*target));
      return true;
    }
    RE2 compiled(regex_match_of(path), RE2::Quiet);
    if (!compiled.ok()) {
      refused_.push_back(path + " (" + compiled.error() + ")");
      return false;
    }
    match.set_type("RegularExpression");
    match.set_value(regex_match_of(path));
    ++regex_paths_;
    if (!target) return true;
    if (references_ == 0) {
      *url_rewrite_of(rule).mutable_path() = full_path(*target);
    } else {
      if (references_ > compiled.NumberOfCapturingGroups()) too_few_groups_.push_back(path);
      (*route.mutable_metadata()->mutable_annotations())[kRegexRewriteAnnotation] = *target;
      ++regex_rewrites_;
    }
    return true;
  }

  // A literal path has no capture groups: nginx substitutes nothing for their references.
  static std::string without_references(const std::string& target) {
    std::string out;
    for (std::size_t i = 0; i < target.size(); ++i) {
      if (target[i] != '$') {
        out += target[i];
        continue;
      }
      bool braced = i + 1 < target.size() && target[i + 1] == '{';
      i += braced ? 2 : 1;
      while (i < target.size() && std::isdigit(static_cast<unsigned char>(target[i]))) ++i;
      if (!braced) --i;
    }
    return out.empty() ? "/" : out;
  }

  void report(const std::string* target, bool use_regex) {
    std::string matching;
    if (literal_paths_) {
      matching +=
          "paths without regular-expression syntax stay PathPrefix: they match "
          "element-wise and case-sensitively, where ingress-nginx matched them as "
          "case-insensitive string prefixes (\"/foo\" also matched \"/FOObar\")";
    }
    if (regex_paths_) {
      matching += std::string(matching.empty() ? "" : "; ") +
                  "regular-expression paths match by RE2 (not PCRE), case-insensitively, "
                  "anchored at the start, and rank after PathPrefix rules (ingress-nginx ranked "
                  "them by length)";
    }
    if (!refused_.empty()) {
      std::string list;
      for (const auto& r : refused_) list += (list.empty() ? "" : ", ") + r;
      matching +=
          std::string(matching.empty() ? "" : "; ") + "not served, RE2 cannot compile: " + list;
    }
    if (prefix_rewrites_) {
      matching += std::string(matching.empty() ? "" : "; ") +
                  "PATH(/|$)(.*) with /$2 became PathPrefix PATH with ReplacePrefixMatch /, "
                  "matching case-sensitively";
    }
    if (use_regex && !target) {
      context_.approximated("use-regex", matching.empty() ? "no path to change" : matching);
      return;
    }
    if (use_regex) context_.converted("use-regex", "applied with rewrite-target");
    std::string message = "URLRewrite to " + *target;
    if (regex_rewrites_) {
      message +=
          "; the capture references are served by Lintel's own regular-expression "
          "rewrite, which Gateway API's URLRewrite cannot express: the HTTPRoute written "
          "here forwards the path unchanged";
    }
    if (!too_few_groups_.empty()) {
      message += "; the target refers to more groups than " + too_few_groups_.front() +
                 " has: they are replaced by nothing, as nginx does";
    }
    if (!matching.empty()) message += "; " + matching;
    context_.approximated("rewrite-target", message);
  }

  AnnotationContext& context_;
  int references_ = 0;
  int literal_paths_ = 0;
  int regex_paths_ = 0;
  int prefix_rewrites_ = 0;
  int regex_rewrites_ = 0;
  std::vector<std::string> refused_;
  std::vector<std::string> too_few_groups_;
};

void apply_x_forwarded_prefix(AnnotationContext& context) {
  const std::string* prefix = context.value("x-forwarded-prefix");
  if (!prefix) return;
  if (prefix->empty() || prefix->find_first_of("\r\n") != std::string::npos) {
    context.invalid("x-forwarded-prefix", "must be a non-empty header value");
    return;
  }
  for (std::size_t r = 0; r < context.route_count(); ++r) {
    for (auto& rule : *context.route(r).mutable_spec()->mutable_rules())
      set_request_header(rule, "X-Forwarded-Prefix", *prefix);
  }
  context.converted("x-forwarded-prefix",
                    "RequestHeaderModifier sets X-Forwarded-Prefix: " + *prefix);
}

void apply_upstream_vhost(AnnotationContext& context) {
  const std::string* host = context.value("upstream-vhost");
  if (!host) return;
  if (host->find('$') != std::string::npos) {
    context.unsupported("upstream-vhost",
                        "nginx variables cannot be evaluated by Lintel; the "
                        "client's Host is sent. Name the host literally");
    return;
  }
  if (!is_dns_hostname(*host)) {
    context.invalid("upstream-vhost",
                    "must be a lower-case DNS name (Gateway API's URLRewrite "
                    "hostname has no port)");
    return;
  }
  for (std::size_t r = 0; r < context.route_count(); ++r) {
    for (auto& rule : *context.route(r).mutable_spec()->mutable_rules())
      url_rewrite_of(rule).set_hostname(*host);
  }
  context.converted("upstream-vhost", "URLRewrite hostname " + *host);
}

}  // namespace

void apply_rewrite_annotations(AnnotationContext& context) {
  RewriteApplier(context).apply();
  apply_x_forwarded_prefix(context);
  apply_upstream_vhost(context);
}

}  // namespace lintel::conversion::annotations
