#include "migrate_verify.h"

#include <map>
#include <set>

#include "lintel/controller/translator.h"
#include "lintel/dataplane/router.h"

namespace lintel::cmd {

namespace {

using conversion::RoutedRequest;

// Services the routes name that the manifests lack, with the ports they are named by.
std::vector<api::Service> assumed_services(const conversion::ConversionResult& committed,
                                           const std::vector<const api::Service*>& known) {
  std::set<std::pair<std::string, std::string>> have;
  for (const auto* service : known)
    have.insert({service->metadata().namespace_(), service->metadata().name()});
  std::map<std::pair<std::string, std::string>, std::set<std::int32_t>> wanted;
  for (const auto& route : committed.http_routes) {
    for (const auto& rule : route.spec().rules()) {
      for (const auto& ref : rule.backend_refs()) {
        std::pair<std::string, std::string> key{route.metadata().namespace_(), ref.name()};
        if (!have.count(key) && ref.has_port()) wanted[key].insert(ref.port());
      }
    }
  }
  std::vector<api::Service> out;
  for (const auto& [key, ports] : wanted) {
    api::Service service;
    service.set_api_version("v1");
    service.set_kind("Service");
    service.mutable_metadata()->set_namespace_(key.first);
    service.mutable_metadata()->set_name(key.second);
    for (auto number : ports) {
      auto* port = service.mutable_spec()->add_ports();
      port->set_name("port-" + std::to_string(number));
      port->set_protocol("TCP");
      port->set_port(number);
      port->mutable_target_port()->set_int_value(number);
    }
    out.push_back(std::move(service));
  }
  return out;
}

RoutedRequest outcome_of(const snapshot::v1::Route* route, const std::string& path) {
  RoutedRequest out;
  if (!route) return out;
  if (route->has_forward()) {
    if (route->forward().clusters_size() == 0) return out;
    out.kind = RoutedRequest::Kind::backend;
    out.status = 200;
    out.backend = route->forward().clusters(0).cluster();
    out.path = route->has_url_rewrite() ? "(rewritten) " + path : path;
    return out;
  }
  if (route->has_redirect()) {
    out.kind = RoutedRequest::Kind::redirect;
    out.status = static_cast<int>(route->redirect().status_code());
    return out;
  }
  out.status = static_cast<int>(route->direct_response().status());
  return out;
}

}  // namespace

struct ConvertedRouter::Compiled {
  std::vector<api::Service> assumed;
  snapshot::v1::Snapshot snapshot;
  std::unique_ptr<dataplane::ListenerRouter> http;
  std::unique_ptr<dataplane::ListenerRouter> https;
  std::int32_t https_port = 443;
};

ConvertedRouter::~ConvertedRouter() = default;

ConvertedRouter::ConvertedRouter(const conversion::ConversionResult& committed,
                                 const std::vector<const api::Service*>& services,
                                 const std::vector<const core::v1::Secret*>& secrets)
    : compiled_(std::make_unique<Compiled>()) {
  compiled_->assumed = assumed_services(committed, services);
  controller::TranslatorInput input;
  input.services = services;
  for (const auto& service : compiled_->assumed) input.services.push_back(&service);
  input.secrets = secrets;
  for (const auto& object : committed.gateway_classes) input.gateway_classes.push_back(&object);
  for (const auto& object : committed.gateways) input.gateways.push_back(&object);
  for (const auto& object : committed.http_routes) input.http_routes.push_back(&object);
  for (const auto& object : committed.reference_grants) input.reference_grants.push_back(&object);
  // The routers point into the snapshot, which therefore lives as long as they do.
  compiled_->snapshot = controller::translate(input, {});
  const auto& snapshot = compiled_->snapshot;
  std::set<std::int32_t> https_ports;
  for (const auto& gateway : committed.gateways) {
    for (const auto& listener : gateway.spec().listeners())
      if (listener.protocol() == "HTTPS") https_ports.insert(listener.port());
  }
  for (const auto& listener : snapshot.listeners()) {
    std::string error;
    auto router = dataplane::ListenerRouter::compile(listener, error);
    if (!router) continue;
    if (listener.protocol() == snapshot::v1::HTTPS && !compiled_->https) {
      compiled_->https = std::move(router);
    } else if (listener.protocol() == snapshot::v1::HTTP && !compiled_->http &&
               !https_ports.count(static_cast<std::int32_t>(listener.port()))) {
      compiled_->http = std::move(router);
    }
  }
}

bool ConvertedRouter::serves_https() const {
  return compiled_->https != nullptr;
}

RoutedRequest ConvertedRouter::route(const conversion::IngressRequest& request) const {
  const auto& router = request.scheme == "https" ? compiled_->https : compiled_->http;
  RoutedRequest out;
  if (!router) {
    out.kind = RoutedRequest::Kind::no_listener;
    return out;
  }
  dataplane::RouteRequest routed{"GET", request.host, request.target, nullptr};
  std::string path = request.target.substr(0, request.target.find('?'));
  out = outcome_of(router->match(routed), path);
  if (out.kind == RoutedRequest::Kind::redirect) {
    // As the data plane writes Location: the request's host, the redirect's scheme and port.
    const auto* route = router->match(routed);
    const auto& redirect = route->redirect();
    std::string scheme = redirect.scheme().empty() ? request.scheme : redirect.scheme();
    std::string host = redirect.hostname().empty() ? request.host : redirect.hostname();
    bool default_port = redirect.port() == 0 || (scheme == "https" && redirect.port() == 443) ||
                        (scheme == "http" && redirect.port() == 80);
    out.location = scheme + "://" + host +
                   (default_port ? "" : ":" + std::to_string(redirect.port())) + request.target;
  }
  return out;
}

conversion::VerifyResult verify_migration(const conversion::IngressSemantics& semantics,
                                          const ConvertedRouter& router) {
  conversion::VerifyResult result;
  bool skipped_https = false;
  for (const auto& request : semantics.sample_requests()) {
    if (request.scheme == "https" && !router.serves_https()) {
      skipped_https = true;
      continue;
    }
    ++result.requests;
    std::string want = semantics.route(request).describe();
    std::string got = router.route(request).describe();
    if (want != got) result.differences.push_back({request, want, got});
  }
  if (skipped_https)
    result.skipped.push_back(
        "HTTPS requests: no HTTPS listener could be served, as the TLS Secrets are not in the "
        "manifests; add them to verify HTTPS too");
  return result;
}

}  // namespace lintel::cmd
