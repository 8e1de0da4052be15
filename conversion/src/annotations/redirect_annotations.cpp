#include <algorithm>
#include <set>

#include "annotations/annotation_appliers.h"
#include "annotations/route_edits.h"

namespace lintel::conversion::annotations {

namespace gv1 = gateway::v1;

namespace {

gv1::HTTPRequestRedirectFilter redirect_to(const AbsoluteUrl& url, std::int64_t code) {
  gv1::HTTPRequestRedirectFilter redirect;
  redirect.set_scheme(url.scheme);
  redirect.set_hostname(url.host);
  if (url.port) redirect.set_port(*url.port);
  *redirect.mutable_path() = full_path(url.path.empty() ? "/" : url.path);
  redirect.set_status_code(code);
  return redirect;
}

bool is_gateway_redirect_code(std::int64_t code) {
  return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

// temporal-redirect wins over permanent-redirect, as in ingress-nginx. True when one applied.
bool apply_url_redirect(AnnotationContext& context) {
  struct Kind {
    const char* url;
    const char* code;
    std::int64_t default_code;
  };
  const Kind kinds[] = {{"temporal-redirect", "temporal-redirect-code", 302},
                        {"permanent-redirect", "permanent-redirect-code", 301}};
  bool applied = false;
  for (const auto& kind : kinds) {
    const std::string* code_text = context.value(kind.code);
    std::int64_t code = kind.default_code;
    if (code_text) {
      auto parsed = parse_integer(*code_text, 300, 308);
      if (!parsed.value || !is_gateway_redirect_code(*parsed.value)) {
        context.invalid(kind.code,
                        "must be 301, 302, 303, 307 or 308 (the codes Gateway API "
                        "redirects with); " +
                            std::to_string(kind.default_code) + " is used");
      } else {
        code = *parsed.value;
        context.converted(kind.code, "RequestRedirect statusCode " + std::to_string(code));
      }
    }
    const std::string* text = context.value(kind.url);
    if (!text) continue;
    if (applied) {
      context.converted(kind.url,
                        "ignored: temporal-redirect is set and wins, as in "
                        "ingress-nginx");
      continue;
    }
    auto url = parse_absolute_url(*text);
    if (!url.value) {
      context.invalid(kind.url, url.error);
      continue;
    }
    if (!url.value->query.empty()) {
      context.unsupported(kind.url, "a RequestRedirect cannot set a query string (\"?" +
                                        url.value->query +
                                        "\"); the Ingress is served "
                                        "without the redirect. Redirect to a path without a query");
      continue;
    }
    gv1::HTTPRequestRedirectFilter redirect = redirect_to(*url.value, code);
    for (std::size_t r = 0; r < context.route_count(); ++r) {
      for (auto& rule : *context.route(r).mutable_spec()->mutable_rules())
        redirect_rule(rule, redirect);
    }
    applied = true;
    context.approximated(kind.url,
                         "every path redirects (" + std::to_string(code) + ") to " + *text +
                             "; the request's query string is kept in the Location, where "
                             "ingress-nginx dropped it");
  }
  return applied;
}

void apply_app_root(AnnotationContext& context) {
  const std::string* root = context.value("app-root");
  if (!root) return;
  if (root->empty() || root->front() != '/' || root->find_first_of("?# \t") != std::string::npos) {
    context.invalid("app-root", "must be an absolute path without query (\"/app\")");
    return;
  }
  gv1::HTTPRequestRedirectFilter redirect;
  *redirect.mutable_path() = full_path(*root);
  redirect.set_status_code(302);
  for (std::size_t r = 0; r < context.route_count(); ++r) {
    auto* rules = context.route(r).mutable_spec()->mutable_rules();
    gv1::HTTPRouteRule rule;
    auto* match = rule.add_matches()->mutable_path();
    match->set_type("Exact");
    match->set_value("/");
    redirect_rule(rule, redirect);
    // First, so that it wins over a rule the Ingress has for exactly "/" (nginx checks app-root
    // in the server, before any location).
    rules->Add(std::move(rule));
    std::rotate(rules->rbegin(), rules->rbegin() + 1, rules->rend());
  }
  context.approximated("app-root", "requests for exactly / redirect (302) to " + *root +
                                       "; their query string is kept, where ingress-nginx "
                                       "dropped it");
}

bool has_redirect(const gv1::HTTPRouteRule& rule) {
  for (const auto& filter : rule.filters())
    if (filter.type() == "RequestRedirect") return true;
  return false;
}

bool on_http_listener_only(const gv1::HTTPRoute& route) {
  for (const auto& parent : route.spec().parent_refs())
    if (parent.section_name() != "http") return false;
  return true;
}

void apply_force_ssl_redirect(AnnotationContext& context, bool url_redirect) {
  auto force = context.boolean("force-ssl-redirect");
  if (!force) return;
  if (!*force) {
    context.converted("force-ssl-redirect", "\"false\": nothing to do");
    return;
  }
  if (url_redirect) {
    context.converted("force-ssl-redirect",
                      "ignored: the Ingress's redirect answers first, as "
                      "in ingress-nginx");
    return;
  }
  gv1::HTTPRequestRedirectFilter redirect;
  redirect.set_scheme("https");
  redirect.set_status_code(308);
  std::size_t count = context.route_count();
  for (std::size_t r = 0; r < count; ++r) {
    gv1::HTTPRoute* route = &context.route(r);
    if (!on_http_listener_only(*route)) {
      // The HTTPS listeners keep the route; a copy on the HTTP listener redirects.
      gv1::HTTPRoute copy = *route;
      copy.mutable_metadata()->set_name(route->metadata().name() + "-https-redirect");
      auto* parents = route->mutable_spec()->mutable_parent_refs();
      auto* copy_parents = copy.mutable_spec()->mutable_parent_refs();
      copy_parents->Clear();
      for (int i = parents->size() - 1; i >= 0; --i) {
        if (parents->Get(i).section_name() != "http") continue;
        *copy_parents->Add() = parents->Get(i);
        parents->DeleteSubrange(i, 1);
      }
      context.add_route(std::move(copy));
      route = &context.route(context.route_count() - 1);
    }
    for (auto& rule : *route->mutable_spec()->mutable_rules()) {
      if (!has_redirect(rule)) redirect_rule(rule, redirect);
    }
  }
  context.approximated("force-ssl-redirect",
                       "every request on the HTTP listener redirects (308) to https; "
                       "ingress-nginx with use-forwarded-headers did not redirect requests whose "
                       "X-Forwarded-Proto was https");
}

std::string host_slug(const std::string& host) {
  std::string out;
  for (char c : host) out += c == '.' ? '-' : c;
  return out;
}

void apply_from_to_www(AnnotationContext& context) {
  auto wanted = context.boolean("from-to-www-redirect");
  if (!wanted) return;
  if (!*wanted) {
    context.converted("from-to-www-redirect", "\"false\": nothing to do");
    return;
  }
  std::vector<std::string> added;
  std::set<std::string> names;
  std::size_t count = context.route_count();
  for (std::size_t r = 0; r < count; ++r) {
    const gv1::HTTPRoute& route = context.route(r);
    if (route.spec().hostnames_size() != 1) continue;
    const std::string& host = route.spec().hostnames(0);
    if (host.rfind("*.", 0) == 0) continue;
    std::string other = host.rfind("www.", 0) == 0 ? host.substr(4) : "www." + host;
    std::string name =
        context.ingress().metadata().name() + "-" + host_slug(other) + "-www-redirect";
    if (!names.insert(name).second) continue;
    gv1::HTTPRoute redirecting = route;
    redirecting.mutable_metadata()->set_name(name);
    redirecting.mutable_spec()->clear_hostnames();
    redirecting.mutable_spec()->add_hostnames(other);
    redirecting.mutable_spec()->clear_rules();
    gv1::HTTPRouteRule* rule = redirecting.mutable_spec()->add_rules();
    auto* match = rule->add_matches()->mutable_path();
    match->set_type("PathPrefix");
    match->set_value("/");
    gv1::HTTPRequestRedirectFilter redirect;
    redirect.set_hostname(host);
    redirect.set_status_code(308);
    redirect_rule(*rule, redirect);
    added.push_back(other + " -> " + host);
    context.add_route(std::move(redirecting));
  }
  if (added.empty()) {
    context.converted("from-to-www-redirect", "nothing to do: the Ingress names no plain host");
    return;
  }
  std::string list;
  for (const auto& a : added) list += (list.empty() ? "" : ", ") + a;
  context.converted("from-to-www-redirect",
                    "an HTTPRoute redirects (308, path and query kept): " + list);
}

}  // namespace

void apply_redirect_annotations(AnnotationContext& context) {
  bool url_redirect = apply_url_redirect(context);
  apply_app_root(context);
  if (auto ssl = context.boolean("ssl-redirect")) {
    context.converted("ssl-redirect", *ssl ? "\"true\": spec.tls hosts redirect to HTTPS (the "
                                             "default)"
                                           : "\"false\": spec.tls hosts do not redirect to HTTPS");
  }
  if (context.boolean("preserve-trailing-slash")) {
    context.converted("preserve-trailing-slash",
                      "nothing to do: Lintel's redirects to HTTPS keep the path as requested");
  }
  apply_force_ssl_redirect(context, url_redirect);
  apply_from_to_www(context);
}

}  // namespace lintel::conversion::annotations
