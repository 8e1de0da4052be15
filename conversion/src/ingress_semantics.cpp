#include "lintel/conversion/ingress_semantics.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "host_names.h"
#include "ssl_redirect.h"

namespace lintel::conversion {

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// 0: the rule's host is the request's; 1: a one-label wildcard covers it; 2: the rule has no
// host; nullopt: the rule does not apply.
std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::optional<int> host_tier(const std::string& rule_host, const std::string& request_host) {
  if (rule_host.empty()) return 2;
  if (rule_host == request_host) return 0;
  if (rule_host.rfind("*.", 0) == 0 && detail::host_covers(rule_host, request_host)) return 1;
  return std::nullopt;
}

std::string trimmed_prefix(const std::string& path) {
  std::string prefix = path.empty() ? "/" : path;
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  return prefix;
}

bool path_matches(bool exact, const std::string& path, const std::string& request_path) {
  if (exact) return path == request_path;
  std::string prefix = trimmed_prefix(path);
  if (prefix == "/") return true;
  return request_path == prefix || request_path.rfind(prefix + "/", 0) == 0;
}

}  // namespace

std::string RoutedRequest::describe() const {
  switch (kind) {
    case Kind::backend:
      return "backend " + backend + " path " + path;
    case Kind::status:
      return "status " + std::to_string(status);
    case Kind::redirect:
      return "redirect " + std::to_string(status) + " " + location;
    case Kind::no_listener:
      return "no listener";
  }
  return "";
}

// One servable path of one Ingress, with what decides between paths.
struct Candidate {
  std::string host;  // the rule's
  bool exact = false;
  std::string path;
  size_t precedence = 0;  // the Ingress's place in precedence order
  int route_order = 0;    // host rules before the default backend, as route names sort
  size_t rule_index = 0;
  std::string backend;
  bool redirect_when_tls = false;
};

struct IngressSemantics::Model {
  std::vector<Candidate> candidates;
  std::vector<std::string> tls_hosts;  // spec.tls hosts with a Secret; "" for host-less
  std::vector<std::string> rule_hosts;
  std::vector<std::string> paths;
  std::int32_t https_port = 443;

  bool is_tls_host(const std::string& host) const {
    for (const auto& tls : tls_hosts)
      if (!tls.empty() && detail::host_covers(tls, host)) return true;
    return false;
  }
  // One hostname-less HTTPS listener serves every host once some spec.tls names a Secret.
  bool has_https() const { return !tls_hosts.empty(); }
};

IngressSemantics::~IngressSemantics() = default;

IngressSemantics::IngressSemantics(const std::vector<const api::Ingress*>& ingresses,
                                   const std::vector<const api::IngressClass*>& classes,
                                   const std::vector<const api::Service*>& services,
                                   const ConversionOptions& options,
                                   const IngressNginxSettings& settings)
    : model_(std::make_unique<Model>()) {
  model_->https_port = options.https_port;
  IngressClassSelector selector(classes, options.class_selection);
  std::vector<const api::Ingress*> ours;
  for (const auto* ingress : ingresses)
    if (selector.class_of(*ingress)) ours.push_back(ingress);
  std::sort(ours.begin(), ours.end(), [](const api::Ingress* a, const api::Ingress* b) {
    return std::tie(a->metadata().creation_timestamp(), a->metadata().namespace_(),
                    a->metadata().name()) < std::tie(b->metadata().creation_timestamp(),
                                                     b->metadata().namespace_(),
                                                     b->metadata().name());
  });
  auto backend_of = [&](const api::Ingress& ingress, const api::IngressServiceBackend& service) {
    const std::string& namespace_ = ingress.metadata().namespace_();
    std::string port = service.port().number() != 0 ? std::to_string(service.port().number())
                                                    : service.port().name();
    if (service.port().number() == 0) {
      for (const auto* known : services) {
        if (known->metadata().namespace_() != namespace_ ||
            known->metadata().name() != service.name())
          continue;
        for (const auto& known_port : known->spec().ports())
          if (known_port.name() == service.port().name()) port = std::to_string(known_port.port());
      }
    }
    return namespace_ + "/" + service.name() + ":" + port;
  };
  std::set<std::string> hosts, paths;
  for (size_t i = 0; i < ours.size(); ++i) {
    const api::Ingress& ingress = *ours[i];
    bool redirect = detail::ssl_redirect_wanted(ingress, settings);
    for (const auto& tls : ingress.spec().tls()) {
      if (tls.secret_name().empty()) continue;
      if (tls.hosts().empty()) model_->tls_hosts.push_back("");
      for (const auto& host : tls.hosts()) model_->tls_hosts.push_back(host);
    }
    std::map<std::string, size_t> rule_index_by_host;
    for (const auto& rule : ingress.spec().rules()) {
      if (!rule.host().empty()) hosts.insert(rule.host());
      for (const auto& path : rule.http().paths()) {
        paths.insert(path.path().empty() ? "/" : path.path());
        if (!path.backend().has_service()) continue;
        model_->candidates.push_back(Candidate{
            rule.host(), path.path_type() == "Exact", path.path().empty() ? "/" : path.path(), i, 0,
            rule_index_by_host[rule.host()]++, backend_of(ingress, path.backend().service()),
            redirect});
      }
    }
    if (ingress.spec().has_default_backend() && ingress.spec().default_backend().has_service()) {
      model_->candidates.push_back(
          Candidate{"", false, "/", i, 1, 0,
                    backend_of(ingress, ingress.spec().default_backend().service()), redirect});
    }
  }
  model_->rule_hosts.assign(hosts.begin(), hosts.end());
  model_->paths.assign(paths.begin(), paths.end());
}

RoutedRequest IngressSemantics::route(const IngressRequest& request) const {
  const std::string host = lower(request.host);
  const bool https = request.scheme == "https";
  RoutedRequest out;
  if (https && !model_->has_https()) {
    out.kind = RoutedRequest::Kind::no_listener;
    return out;
  }
  const std::string path = request.target.substr(0, request.target.find('?'));
  // tier, Exact first, longest, Ingress precedence, route, rule.
  using Key = std::tuple<int, int, long, size_t, int, size_t>;
  const Candidate* best = nullptr;
  Key best_key;
  for (const auto& candidate : model_->candidates) {
    auto tier = host_tier(candidate.host, host);
    if (!tier || !path_matches(candidate.exact, candidate.path, path)) continue;
    long length = static_cast<long>(candidate.exact ? candidate.path.size()
                                                    : trimmed_prefix(candidate.path).size());
    Key key{*tier,
            candidate.exact ? 0 : 1,
            -length,
            candidate.precedence,
            candidate.route_order,
            candidate.rule_index};
    if (!best || key < best_key) {
      best = &candidate;
      best_key = key;
    }
  }
  if (!best) return out;
  if (!https && best->redirect_when_tls && !best->host.empty() && model_->is_tls_host(best->host)) {
    out.kind = RoutedRequest::Kind::redirect;
    out.status = 308;
    out.location = "https://" + request.host +
                   (model_->https_port == 443 ? "" : ":" + std::to_string(model_->https_port)) +
                   request.target;
    return out;
  }
  out.kind = RoutedRequest::Kind::backend;
  out.status = 200;
  out.backend = best->backend;
  out.path = path;
  return out;
}

std::vector<IngressRequest> IngressSemantics::sample_requests() const {
  std::vector<std::string> hosts;
  for (const auto& host : model_->rule_hosts) {
    if (host.rfind("*.", 0) == 0) {
      hosts.push_back("any" + host.substr(1));
      hosts.push_back("two.labels" + host.substr(1));
    } else {
      hosts.push_back(host);
    }
  }
  // Hosts are case-insensitive: one upper-case variant shows it.
  if (!hosts.empty()) hosts.push_back(upper(hosts[0]));
  hosts.push_back("unknown.invalid");
  std::set<std::string> targets{"/", "/unknown"};
  for (const auto& path : model_->paths) {
    std::string base = trimmed_prefix(path);
    targets.insert(path);
    targets.insert(base);
    targets.insert(base == "/" ? "/" : base + "/");
    targets.insert((base == "/" ? "" : base) + "/sub");
    targets.insert(base + "x");
    targets.insert(base + "?q=1");
    targets.insert(upper(base));
  }
  std::vector<IngressRequest> requests;
  for (const auto& host : hosts) {
    if (host.find('*') != std::string::npos) continue;
    for (const auto& target : targets) {
      requests.push_back({"http", host, target});
      if (model_->has_https()) requests.push_back({"https", host, target});
    }
  }
  return requests;
}

}  // namespace lintel::conversion
