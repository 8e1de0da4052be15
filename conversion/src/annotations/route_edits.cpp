#include "annotations/route_edits.h"

#include <algorithm>

namespace lintel::conversion::annotations {

namespace gv1 = gateway::v1;

namespace {

gv1::HTTPRouteFilter& filter_of(gv1::HTTPRouteRule& rule, const std::string& type) {
  for (auto& filter : *rule.mutable_filters())
    if (filter.type() == type) return filter;
  gv1::HTTPRouteFilter* added = rule.add_filters();
  added->set_type(type);
  return *added;
}

}  // namespace

gv1::HTTPURLRewriteFilter& url_rewrite_of(gv1::HTTPRouteRule& rule) {
  return *filter_of(rule, "URLRewrite").mutable_url_rewrite();
}

void redirect_rule(gv1::HTTPRouteRule& rule, const gv1::HTTPRequestRedirectFilter& redirect) {
  auto& filters = *rule.mutable_filters();
  filters.erase(std::remove_if(filters.begin(), filters.end(),
                               [](const gv1::HTTPRouteFilter& f) {
                                 return f.type() == "URLRewrite" || f.type() == "RequestMirror" ||
                                        f.type() == "RequestRedirect" ||
                                        f.type() == "RequestHeaderModifier";
                               }),
                filters.end());
  rule.clear_backend_refs();
  rule.clear_timeouts();
  gv1::HTTPRouteFilter* added = rule.add_filters();
  added->set_type("RequestRedirect");
  *added->mutable_request_redirect() = redirect;
}

void set_request_header(gv1::HTTPRouteRule& rule, const std::string& name,
                        const std::string& value) {
  auto* modifier = filter_of(rule, "RequestHeaderModifier").mutable_request_header_modifier();
  for (auto& header : *modifier->mutable_set()) {
    if (header.name() == name) {
      header.set_value(value);
      return;
    }
  }
  auto* header = modifier->add_set();
  header->set_name(name);
  header->set_value(value);
}

gv1::HTTPPathModifier full_path(const std::string& path) {
  gv1::HTTPPathModifier modifier;
  modifier.set_type("ReplaceFullPath");
  modifier.set_replace_full_path(path);
  return modifier;
}

gv1::HTTPPathModifier prefix_path(const std::string& prefix) {
  gv1::HTTPPathModifier modifier;
  modifier.set_type("ReplacePrefixMatch");
  modifier.set_replace_prefix_match(prefix);
  return modifier;
}

}  // namespace lintel::conversion::annotations
