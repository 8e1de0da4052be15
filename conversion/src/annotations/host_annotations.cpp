#include <algorithm>
#include <set>

#include "annotations/annotation_appliers.h"

namespace lintel::conversion::annotations {

namespace {

bool is_alias_host(const std::string& host) {
  return is_dns_hostname(host.rfind("*.", 0) == 0 ? host.substr(2) : host);
}

}  // namespace

// server-alias: more names for the Ingress's hosts, served by the same rules.
void apply_host_annotations(AnnotationContext& context) {
  const std::string* text = context.value("server-alias");
  if (!text) return;
  std::vector<std::string> aliases = split_list(*text);
  for (const auto& alias : aliases) {
    if (!is_alias_host(alias)) {
      context.invalid("server-alias", "\"" + alias + "\" must be a lower-case DNS name");
      return;
    }
  }
  if (aliases.empty()) {
    context.invalid("server-alias", "must list at least one host name");
    return;
  }
  std::set<std::string> own;
  std::size_t with_hosts = 0;
  for (std::size_t r = 0; r < context.route_count(); ++r) {
    auto* hostnames = context.route(r).mutable_spec()->mutable_hostnames();
    if (hostnames->empty()) continue;  // host-less routes already serve every name
    ++with_hosts;
    for (const auto& alias : aliases) {
      if (std::find(hostnames->begin(), hostnames->end(), alias) == hostnames->end())
        *hostnames->Add() = alias;
    }
    own.insert(context.route(r).metadata().name());
  }
  if (with_hosts == 0) {
    context.converted("server-alias", "nothing to do: the Ingress's routes serve every host");
    return;
  }
  // ingress-nginx ignored an alias that another server already had; Gateway API merges the
  // rules of every route that names the host.
  std::vector<std::string> shared;
  for (const auto& route : context.all_routes()) {
    if (route.metadata().namespace_() == context.ingress().metadata().namespace_() &&
        own.count(route.metadata().name()))
      continue;
    for (const auto& alias : aliases) {
      if (std::find(route.spec().hostnames().begin(), route.spec().hostnames().end(), alias) !=
          route.spec().hostnames().end())
        shared.push_back(alias);
    }
  }
  std::string list;
  for (const auto& alias : aliases) list += (list.empty() ? "" : ", ") + alias;
  if (shared.empty()) {
    context.converted("server-alias", "the HTTPRoute hostnames also list " + list);
    return;
  }
  context.approximated("server-alias",
                       "the HTTPRoute hostnames also list " + list + "; " + shared.front() +
                           " is another route's host too: ingress-nginx ignored the alias, "
                           "where Gateway API merges both routes' rules");
}

}  // namespace lintel::conversion::annotations
