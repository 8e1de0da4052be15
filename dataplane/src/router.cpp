#include "lintel/dataplane/router.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "lintel/support/text.h"

namespace lintel::dataplane {

namespace sv1 = snapshot::v1;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Calls `visit` for each non-empty segment of an absolute path. Empty segments ("//") are
// skipped, as nginx's merge_slashes does, so "/a//b" is under the prefix "/a/b".
template <typename Visit>
void for_each_segment(std::string_view path, Visit&& visit) {
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start && !visit(path.substr(start, slash - start))) return;
    start = slash + 1;
  }
}

struct StringMatcher {
  std::string name;
  std::string exact;
  std::unique_ptr<RE2> regex;

  bool accepts(const std::string& value) const {
    return regex ? RE2::FullMatch(value, *regex) : value == exact;
  }
};

struct CompiledRoute {
  const sv1::Route* route = nullptr;
  std::string method;
  std::vector<StringMatcher> headers;
  std::vector<StringMatcher> query_params;
  std::unique_ptr<RE2> path_regex;
};

struct PathTrieNode {
  std::unordered_map<std::string, std::unique_ptr<PathTrieNode>> children;
  std::vector<uint32_t> routes;  // indices into CompiledVirtualHost::routes, ascending
};

struct CompiledVirtualHost {
  std::vector<CompiledRoute> routes;
  std::unordered_map<std::string, std::vector<uint32_t>> exact_paths;
  PathTrieNode prefix_root;
  std::vector<uint32_t> regex_routes;
};

std::unique_ptr<RE2> compile_regex(const std::string& pattern, const std::string& where,
                                   std::string& error) {
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_unique<RE2>(pattern, options);
  if (!regex->ok()) {
    error = where + ": invalid regular expression \"" + pattern + "\": " + regex->error();
    return nullptr;
  }
  return regex;
}

bool compile_string_matcher(const std::string& name, int type, const std::string& value,
                            bool lower_name, const std::string& where, StringMatcher& out,
                            std::string& error) {
  out.name = lower_name ? lower(name) : name;
  if (type == 1) {  // REGULAR_EXPRESSION in both HeaderMatch and QueryParamMatch
    out.regex = compile_regex(value, where, error);
    return out.regex != nullptr;
  }
  out.exact = value;
  return true;
}

}  // namespace

struct ListenerRouter::Impl {
  std::vector<CompiledVirtualHost> virtual_hosts;
  std::unordered_map<std::string, std::vector<uint32_t>> exact_hosts;
  // Keyed by the suffix after "*", e.g. ".example.com".
  std::unordered_map<std::string, std::vector<uint32_t>> suffix_wildcards;
  std::unordered_map<std::string, std::vector<uint32_t>> single_label_wildcards;
  std::vector<uint32_t> any_host;

  bool add_virtual_host(const sv1::VirtualHost& vhost, uint32_t index, std::string& error);
  const sv1::Route* match_in(const CompiledVirtualHost& vhost, const RouteRequest& request,
                             std::string_view path, std::string_view query) const;
  bool accepts(const CompiledRoute& route, const RouteRequest& request, std::string_view path,
               std::string_view query) const;
};

bool ListenerRouter::Impl::add_virtual_host(const sv1::VirtualHost& vhost, uint32_t index,
                                            std::string& error) {
  CompiledVirtualHost compiled;
  for (int r = 0; r < vhost.routes_size(); ++r) {
    const sv1::Route& route = vhost.routes(r);
    std::string where = "virtual host \"" + vhost.name() + "\" route \"" + route.name() + "\"";
    CompiledRoute cr;
    cr.route = &route;
    cr.method = route.method();
    for (const auto& header : route.headers()) {
      StringMatcher matcher;
      if (!compile_string_matcher(header.name(), header.type(), header.value(), true, where,
                                  matcher, error)) {
        return false;
      }
      cr.headers.push_back(std::move(matcher));
    }
    for (const auto& param : route.query_params()) {
      StringMatcher matcher;
      if (!compile_string_matcher(param.name(), param.type(), param.value(), false, where, matcher,
                                  error)) {
        return false;
      }
      cr.query_params.push_back(std::move(matcher));
    }
    auto route_index = static_cast<uint32_t>(compiled.routes.size());
    const std::string& value = route.path().value();
    switch (route.path().type()) {
      case sv1::PathMatch::EXACT:
        compiled.exact_paths[value].push_back(route_index);
        break;
      case sv1::PathMatch::REGULAR_EXPRESSION:
        cr.path_regex = compile_regex(value, where, error);
        if (!cr.path_regex) return false;
        compiled.regex_routes.push_back(route_index);
        break;
      default: {
        PathTrieNode* node = &compiled.prefix_root;
        for_each_segment(value, [&](std::string_view segment) {
          auto& child = node->children[std::string(segment)];
          if (!child) child = std::make_unique<PathTrieNode>();
          node = child.get();
          return true;
        });
        node->routes.push_back(route_index);
      }
    }
    compiled.routes.push_back(std::move(cr));
  }
  virtual_hosts.push_back(std::move(compiled));

  bool single_label = vhost.wildcard_mode() == sv1::WILDCARD_MODE_SINGLE_LABEL;
  for (const auto& raw_domain : vhost.domains()) {
    std::string domain = lower(raw_domain);
    if (domain == "*") {
      any_host.push_back(index);
    } else if (domain.rfind("*.", 0) == 0) {
      (single_label ? single_label_wildcards : suffix_wildcards)[domain.substr(1)].push_back(index);
    } else {
      exact_hosts[domain].push_back(index);
    }
  }
  return true;
}

bool ListenerRouter::Impl::accepts(const CompiledRoute& route, const RouteRequest& request,
                                   std::string_view path, std::string_view query) const {
  if (route.path_regex &&
      !RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *route.path_regex)) {
    return false;
  }
  if (!route.method.empty() && route.method != request.method) return false;
  std::string value;
  for (const auto& header : route.headers) {
    if (!request.headers || !request.headers->find(header.name, value) || !header.accepts(value))
      return false;
  }
  for (const auto& param : route.query_params) {
    if (!support::find_query_parameter(query, param.name, value) || !param.accepts(value))
      return false;
  }
  return true;
}

const sv1::Route* ListenerRouter::Impl::match_in(const CompiledVirtualHost& vhost,
                                                 const RouteRequest& request, std::string_view path,
                                                 std::string_view query) const {
  // Every route whose path could match, then the first in the Translator's order that accepts
  // the whole request. Only routes sharing the request's path are ever looked at.
  thread_local std::vector<uint32_t> candidates;
  candidates.clear();
  if (auto it = vhost.exact_paths.find(std::string(path)); it != vhost.exact_paths.end()) {
    candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  }
  const PathTrieNode* node = &vhost.prefix_root;
  candidates.insert(candidates.end(), node->routes.begin(), node->routes.end());
  thread_local std::string segment_key;
  for_each_segment(path, [&](std::string_view segment) {
    segment_key.assign(segment);
    auto it = node->children.find(segment_key);
    if (it == node->children.end()) return false;
    node = it->second.get();
    candidates.insert(candidates.end(), node->routes.begin(), node->routes.end());
    return true;
  });
  candidates.insert(candidates.end(), vhost.regex_routes.begin(), vhost.regex_routes.end());
  std::sort(candidates.begin(), candidates.end());
  for (uint32_t index : candidates) {
    if (accepts(vhost.routes[index], request, path, query)) return vhost.routes[index].route;
  }
  return nullptr;
}

ListenerRouter::ListenerRouter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ListenerRouter::~ListenerRouter() = default;

std::unique_ptr<ListenerRouter> ListenerRouter::compile(const sv1::Listener& listener,
                                                        std::string& error) {
  auto impl = std::make_unique<Impl>();
  impl->virtual_hosts.reserve(listener.virtual_hosts_size());
  for (int i = 0; i < listener.virtual_hosts_size(); ++i) {
    if (!impl->add_virtual_host(listener.virtual_hosts(i), static_cast<uint32_t>(i), error)) {
      error = "listener \"" + listener.name() + "\": " + error;
      return nullptr;
    }
  }
  return std::unique_ptr<ListenerRouter>(new ListenerRouter(std::move(impl)));
}

const sv1::Route* ListenerRouter::match(const RouteRequest& request) const {
  std::string_view target = request.target;
  size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  std::string host = normalize_host(request.host);

  auto try_hosts = [&](const std::vector<uint32_t>& indices) -> const sv1::Route* {
    for (uint32_t index : indices) {
      if (const auto* route = impl_->match_in(impl_->virtual_hosts[index], request, path, query))
        return route;
    }
    return nullptr;
  };

  if (auto it = impl_->exact_hosts.find(host); it != impl_->exact_hosts.end()) {
    if (const auto* route = try_hosts(it->second)) return route;
  }
  // Wildcards from the longest suffix to the shortest; "*.a.b" needs at least one label before
  // it. Ingress's single-label wildcards apply only at the first dot; a single-label and a
  // suffix wildcard of the same name are equally specific, so the Translator's virtual host
  // order decides between them.
  thread_local std::vector<uint32_t> wildcard_hosts;
  bool first_label = true;
  for (size_t dot = host.find('.'); dot != std::string::npos && dot > 0;
       dot = host.find('.', dot + 1)) {
    std::string suffix = host.substr(dot);
    wildcard_hosts.clear();
    if (auto it = impl_->suffix_wildcards.find(suffix); it != impl_->suffix_wildcards.end()) {
      wildcard_hosts.insert(wildcard_hosts.end(), it->second.begin(), it->second.end());
    }
    if (first_label) {
      if (auto it = impl_->single_label_wildcards.find(suffix);
          it != impl_->single_label_wildcards.end()) {
        wildcard_hosts.insert(wildcard_hosts.end(), it->second.begin(), it->second.end());
        std::sort(wildcard_hosts.begin(), wildcard_hosts.end());
      }
      first_label = false;
    }
    if (const auto* route = try_hosts(wildcard_hosts)) return route;
  }
  return try_hosts(impl_->any_host);
}

std::string normalize_host(std::string_view host) {
  std::string_view name = host;
  if (!name.empty() && name.front() == '[') {
    size_t close = name.find(']');
    if (close != std::string_view::npos) name = name.substr(0, close + 1);
  } else if (size_t colon = name.rfind(':'); colon != std::string_view::npos) {
    name = name.substr(0, colon);
  }
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return lower(name);
}

}  // namespace lintel::dataplane
