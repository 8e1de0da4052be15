#include "annotations/canary_merge.h"

#include <google/protobuf/util/message_differencer.h>
#include <re2/re2.h>

#include <algorithm>
#include <tuple>

#include "annotations/annotation_catalog.h"

namespace lintel::conversion::annotations {

namespace gv1 = gateway::v1;

namespace {

struct CanaryRules {
  std::optional<std::string> header;
  std::optional<std::string> header_value;
  std::optional<std::string> header_pattern;
  std::optional<std::string> cookie;
  std::optional<std::int64_t> weight;
  std::int64_t weight_total = 100;
};

CanaryRules read_rules(AnnotationContext& context) {
  CanaryRules rules;
  if (auto total = context.integer("canary-weight-total", 1, 1000000)) rules.weight_total = *total;
  rules.weight = context.integer("canary-weight", 0, rules.weight_total);
  if (const std::string* header = context.value("canary-by-header")) {
    if (is_header_name(*header)) {
      rules.header = *header;
    } else {
      context.invalid("canary-by-header", "must be a header name");
    }
  }
  if (const std::string* value = context.value("canary-by-header-value")) {
    if (!value->empty() && value->find_first_of("\r\n") == std::string::npos) {
      rules.header_value = *value;
    } else {
      context.invalid("canary-by-header-value", "must be a non-empty header value");
    }
  }
  if (const std::string* pattern = context.value("canary-by-header-pattern")) {
    RE2 compiled(*pattern, RE2::Quiet);
    if (compiled.ok()) {
      rules.header_pattern = *pattern;
    } else {
      context.invalid("canary-by-header-pattern",
                      "must be a regular expression RE2 compiles: " + compiled.error());
    }
  }
  if (const std::string* cookie = context.value("canary-by-cookie")) {
    if (is_header_name(*cookie)) {
      rules.cookie = *cookie;
    } else {
      context.invalid("canary-by-cookie", "must be a cookie name");
    }
  }
  return rules;
}

gv1::HTTPRouteRule with_header(const gv1::HTTPRouteRule& main, const std::string& type,
                               const std::string& name, const std::string& value,
                               const google::protobuf::RepeatedPtrField<gv1::HTTPBackendRef>& to) {
  gv1::HTTPRouteRule rule = main;
  rule.clear_name();
  auto* header = rule.mutable_matches(0)->add_headers();
  header->set_type(type);
  header->set_name(name);
  header->set_value(value);
  *rule.mutable_backend_refs() = to;
  return rule;
}

// A cookie named `name` with exactly `value`, anywhere in a Cookie header.
std::string cookie_pattern(const std::string& name, const std::string& value) {
  return "(.*;[ \\t]*)?" + RE2::QuoteMeta(name) + "=" + value + "([ \\t]*;.*)?";
}

class CanaryMerger {
 public:
  CanaryMerger(AnnotationContext& canary, std::vector<gv1::HTTPRoute>& routes,
               const std::vector<const api::Ingress*>& canaries)
      : canary_(canary), routes_(routes), canaries_(canaries), rules_(read_rules(canary)) {}

  void merge() {
    std::vector<std::string> merged;
    std::vector<std::string> orphans;
    for (std::size_t r = 0; r < canary_.route_count(); ++r) {
      gv1::HTTPRoute& route = canary_.route(r);
      auto* rules = route.mutable_spec()->mutable_rules();
      for (int i = rules->size() - 1; i >= 0; --i) {
        const gv1::HTTPRouteRule& rule = rules->Get(i);
        std::string where = host_of(route) + path_of(rule);
        if (auto main = merge_rule(route, rule)) {
          merged.push_back(where + " into HTTPRoute " + *main);
        } else {
          orphans.push_back(where);
        }
        rules->DeleteSubrange(i, 1);
      }
    }
    report(merged, orphans);
  }

 private:
  static std::string host_of(const gv1::HTTPRoute& route) {
    return route.spec().hostnames_size() ? route.spec().hostnames(0) : "*";
  }
  static std::string path_of(const gv1::HTTPRouteRule& rule) {
    return rule.matches_size() ? rule.matches(0).path().value() : "/";
  }

  bool from_canary(const gv1::HTTPRoute& route) const {
    for (const auto* ingress : canaries_)
      if (converted_from(route, *ingress)) return true;
    return false;
  }

  // The main route and rule for the canary rule's host and path: the oldest route wins, as it
  // would win the match.
  std::optional<std::pair<std::size_t, int>> find_main(const gv1::HTTPRoute& canary_route,
                                                       const gv1::HTTPRouteRule& rule) const {
    using google::protobuf::util::MessageDifferencer;
    std::optional<std::pair<std::size_t, int>> best;
    for (std::size_t r = 0; r < routes_.size(); ++r) {
      const gv1::HTTPRoute& route = routes_[r];
      if (route.metadata().namespace_() != canary_route.metadata().namespace_() ||
          from_canary(route) ||
          !std::equal(route.spec().hostnames().begin(), route.spec().hostnames().end(),
                      canary_route.spec().hostnames().begin(),
                      canary_route.spec().hostnames().end()))
        continue;
      for (int i = 0; i < route.spec().rules_size(); ++i) {
        const gv1::HTTPRouteRule& candidate = route.spec().rules(i);
        if (candidate.matches_size() != 1 || rule.matches_size() != 1 ||
            !MessageDifferencer::Equals(candidate.matches(0), rule.matches(0)))
          continue;
        if (!best || older(route, routes_[best->first])) best = std::make_pair(r, i);
      }
    }
    return best;
  }

  static bool older(const gv1::HTTPRoute& a, const gv1::HTTPRoute& b) {
    return std::tie(a.metadata().creation_timestamp(), a.metadata().name()) <
           std::tie(b.metadata().creation_timestamp(), b.metadata().name());
  }

  // The name of the main route it merged into, or nothing when there is none.
  std::optional<std::string> merge_rule(const gv1::HTTPRoute& canary_route,
                                        const gv1::HTTPRouteRule& canary_rule) {
    auto found = find_main(canary_route, canary_rule);
    if (!found) return std::nullopt;
    gv1::HTTPRoute& main_route = routes_[found->first];
    auto* rules = main_route.mutable_spec()->mutable_rules();
    const gv1::HTTPRouteRule main = rules->Get(found->second);
    const auto& canary_refs = canary_rule.backend_refs();
    const auto& main_refs = main.backend_refs();
    // Header rules first (header before cookie by list order, at equal precedence).
    std::vector<gv1::HTTPRouteRule> added;
    if (rules_.header) {
      if (rules_.header_value) {
        added.push_back(
            with_header(main, "Exact", *rules_.header, *rules_.header_value, canary_refs));
      } else if (rules_.header_pattern) {
        added.push_back(with_header(main, "RegularExpression", *rules_.header,
                                    *rules_.header_pattern, canary_refs));
      } else {
        added.push_back(with_header(main, "Exact", *rules_.header, "always", canary_refs));
        added.push_back(with_header(main, "Exact", *rules_.header, "never", main_refs));
      }
    }
    if (rules_.cookie) {
      added.push_back(with_header(main, "RegularExpression", "Cookie",
                                  cookie_pattern(*rules_.cookie, "always"), canary_refs));
      added.push_back(with_header(main, "RegularExpression", "Cookie",
                                  cookie_pattern(*rules_.cookie, "never"), main_refs));
    }
    if (rules_.weight) {
      gv1::HTTPRouteRule& weighted = *rules->Mutable(found->second);
      for (auto& ref : *weighted.mutable_backend_refs())
        ref.set_weight(
            static_cast<std::int32_t>(ref.weight() * (rules_.weight_total - *rules_.weight)));
      for (auto ref : canary_refs) {
        ref.set_weight(static_cast<std::int32_t>(ref.weight() * *rules_.weight));
        *weighted.add_backend_refs() = std::move(ref);
      }
    }
    // The added rules go just before the main rule.
    google::protobuf::RepeatedPtrField<gv1::HTTPRouteRule> reordered;
    for (int i = 0; i < rules->size(); ++i) {
      if (i == found->second)
        for (auto& rule : added) *reordered.Add() = std::move(rule);
      *reordered.Add() = std::move(*rules->Mutable(i));
    }
    *rules = std::move(reordered);
    return main_route.metadata().name();
  }

  void report(const std::vector<std::string>& merged, const std::vector<std::string>& orphans) {
    std::string list;
    for (const auto& m : merged) list += (list.empty() ? "" : "; ") + m;
    std::string orphan_list;
    for (const auto& o : orphans) orphan_list += (orphan_list.empty() ? "" : ", ") + o;
    if (!orphans.empty()) {
      canary_.unsupported("canary", "no main Ingress in the namespace serves " + orphan_list +
                                        "; those canary paths are not served" +
                                        (merged.empty() ? "" : ". Merged: " + list));
    } else {
      canary_.converted("canary", "merged " + (list.empty() ? std::string("nothing") : list));
    }
    if (rules_.weight) {
      canary_.converted("canary-weight", "weighted backendRefs: canary " +
                                             std::to_string(*rules_.weight) + ", main " +
                                             std::to_string(rules_.weight_total - *rules_.weight));
    }
    if (canary_.value("canary-weight-total") && rules_.weight)
      canary_.converted("canary-weight-total", "the total of the backendRef weights");
    else if (canary_.value("canary-weight-total"))
      canary_.converted("canary-weight-total", "ignored without canary-weight");
    if (rules_.header) {
      canary_.converted("canary-by-header",
                        rules_.header_value || rules_.header_pattern
                            ? "a rule with a header match sends matching requests to the canary"
                            : "rules with header matches: always to the canary, never to the "
                              "main backends");
    }
    if (rules_.header_value) canary_.converted("canary-by-header-value", "Exact header match");
    if (canary_.value("canary-by-header-value") && !rules_.header)
      canary_.converted("canary-by-header-value", "ignored without canary-by-header");
    if (rules_.header_pattern) {
      if (rules_.header_value) {
        canary_.converted("canary-by-header-pattern",
                          "ignored: canary-by-header-value wins, as in ingress-nginx");
      } else {
        canary_.approximated("canary-by-header-pattern",
                             "RegularExpression header match, by RE2 (PCRE-only syntax would "
                             "have been refused) and on the whole value");
      }
    }
    if (rules_.cookie) {
      canary_.approximated("canary-by-cookie",
                           "rules matching the Cookie header by regular expression for " +
                               *rules_.cookie + "=always and " + *rules_.cookie +
                               "=never; a request that sends several Cookie headers may not "
                               "match as ingress-nginx's cookie parsing would");
    }
    // Every other annotation of a canary Ingress is the main Ingress's, as in ingress-nginx.
    for (const std::string& name : canary_.nginx_annotation_names()) {
      const AnnotationInfo* info = find_annotation(name);
      if (info && info->handling == Handling::kCanary) continue;
      canary_.converted(name,
                        "ignored on a canary Ingress: the main Ingress's applies, as in "
                        "ingress-nginx");
    }
  }

  AnnotationContext& canary_;
  std::vector<gv1::HTTPRoute>& routes_;
  const std::vector<const api::Ingress*>& canaries_;
  CanaryRules rules_;
};

}  // namespace

bool is_canary(const api::Ingress& ingress) {
  auto found = ingress.metadata().annotations().find(annotation_key("canary"));
  return found != ingress.metadata().annotations().end() &&
         parse_bool(found->second).value.value_or(false);
}

void merge_canary(AnnotationContext& canary, std::vector<gv1::HTTPRoute>& routes,
                  const std::vector<const api::Ingress*>& canaries) {
  CanaryMerger(canary, routes, canaries).merge();
}

}  // namespace lintel::conversion::annotations
