// Equivalence is the conversion's contract: for generated sets of Ingresses and generated
// requests, the backend chosen by a direct reading of the Ingress rules (below, written from
// the Ingress v1 spec and Lintel's documented choices, sharing no code with the product) must
// be the backend that the whole pipeline chooses: conversion to Gateway API, translation to a
// snapshot, and the data plane's compiled router. Seeded and reproducible; a failure prints
// the seed, the Ingresses and the request.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <tuple>

#include "lintel/api/decode.h"
#include "lintel/api/encode.h"
#include "lintel/controller/object_store.h"
#include "lintel/controller/translator.h"
#include "lintel/conversion/ingress_to_gateway.h"
#include "lintel/dataplane/router.h"

namespace lintel {
namespace {

constexpr int kServices = 4;
const std::vector<std::string> kHosts = {
    "", "a.example.com", "b.example.com", "*.example.com", "x.a.example.com", "*.a.example.com"};
const std::vector<std::string> kPaths = {"/", "/a", "/a/", "/a/b", "/ab", "/b", "/a/b/"};
const std::vector<std::string> kRequestHosts = {"a.example.com",     "B.example.com",
                                                "c.example.com",     "x.a.example.com",
                                                "y.x.a.example.com", "example.com"};
const std::vector<std::string> kRequestPaths = {"/",   "/a", "/a/",  "/a/b", "/a/b/",  "/a/bc",
                                                "/ab", "/b", "/b/c", "/c",   "/a?x=1", "/ab/"};

std::string service_name(int i) {
  return "svc" + std::to_string(i);
}

const char* const kPathTypes[] = {"Exact", "Prefix", "ImplementationSpecific"};

api::IngressBackend backend(std::mt19937& random) {
  api::IngressBackend out;
  out.mutable_service()->set_name(service_name(static_cast<int>(random() % kServices)));
  out.mutable_service()->mutable_port()->set_number(80);
  return out;
}

// Whether the API server would take the Ingress: it goes through Lintel's own decoder.
bool accepted(const api::Ingress& ingress) {
  return api::decode_manifests(api::encode_yaml(ingress), "generated.yaml").errors.empty();
}

std::vector<api::Ingress> generate(std::mt19937& random) {
  std::vector<api::Ingress> ingresses;
  int count = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < count; ++i) {
    api::Ingress ingress;
    // Equal-length names, so that route names order as the Ingress names do.
    ingress.set_api_version("networking.k8s.io/v1");
    ingress.set_kind("Ingress");
    ingress.mutable_metadata()->set_name("ing" + std::to_string(i));
    ingress.mutable_metadata()->set_namespace_("default");
    auto* spec = ingress.mutable_spec();
    if (random() % 3 == 0) *spec->mutable_default_backend() = backend(random);
    int rules = static_cast<int>(random() % 4);
    for (int r = 0; r < rules; ++r) {
      auto* rule = spec->add_rules();
      rule->set_host(kHosts[random() % kHosts.size()]);
      int path_count = 1 + static_cast<int>(random() % 3);
      for (int p = 0; p < path_count; ++p) {
        auto* path = rule->mutable_http()->add_paths();
        path->set_path(kPaths[random() % kPaths.size()]);
        path->set_path_type(kPathTypes[random() % 3]);
        *path->mutable_backend() = backend(random);
      }
    }
    if (!accepted(ingress)) continue;
    ingresses.push_back(ingress);
  }
  return ingresses;
}

// ---- The reference: Ingress rules read directly. ----

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// 0: the rule's host is the request's; 1: a one-label wildcard covers it; 2: the rule has no
// host; nullopt: the rule does not apply.
std::optional<int> host_tier(const std::string& rule_host, const std::string& request_host) {
  if (rule_host.empty()) return 2;
  if (rule_host == request_host) return 0;
  if (rule_host.rfind("*.", 0) == 0) {
    size_t dot = request_host.find('.');
    if (dot != std::string::npos && dot > 0 && request_host.substr(dot) == rule_host.substr(1))
      return 1;
  }
  return std::nullopt;
}

bool path_matches(const api::HTTPIngressPath& path, const std::string& request_path) {
  if (path.path_type() == "Exact") return path.path() == request_path;
  std::string prefix = path.path();
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  if (prefix == "/") return true;
  return request_path == prefix || request_path.rfind(prefix + "/", 0) == 0;
}

size_t effective_length(const api::HTTPIngressPath& path) {
  if (path.path_type() == "Exact") return path.path().size();
  size_t length = path.path().size();
  while (length > 1 && path.path()[length - 1] == '/') --length;
  return length;
}

std::string slug(const std::string& host) {
  std::string out;
  for (char c : host)
    out += c == '*' ? std::string("wildcard") : c == '.' ? std::string("-") : std::string(1, c);
  return out;
}

// The backend a request reaches, or "404". Hosts decide first (exact, one-label wildcard,
// host-less rules and default backends), then within the first tier with a matching path:
// Exact before Prefix, then the longest path, then the route (Ingress, host) and rule order.
std::string reference(const std::vector<api::Ingress>& ingresses, std::string host,
                      const std::string& target) {
  host = lower(host);
  std::string request_path = target.substr(0, target.find('?'));
  using Key = std::tuple<int, int, long, std::string, size_t>;  // tier, kind, -length, route, rule
  std::optional<std::pair<Key, std::string>> best;
  auto offer = [&](Key key, const std::string& service) {
    if (!best || key < best->first) best = {key, service};
  };
  for (const auto& ingress : ingresses) {
    std::map<std::string, size_t> rule_index_by_host;
    for (const auto& rule : ingress.spec().rules()) {
      for (const auto& path : rule.http().paths()) {
        size_t rule_index = rule_index_by_host[rule.host()]++;
        auto tier = host_tier(rule.host(), host);
        if (!tier || !path_matches(path, request_path)) continue;
        std::string route = ingress.metadata().name() + "-" +
                            (rule.host().empty() ? "all-hosts" : slug(rule.host()));
        offer({*tier, path.path_type() == "Exact" ? 0 : 1,
               -static_cast<long>(effective_length(path)), route, rule_index},
              path.backend().service().name());
      }
    }
    if (ingress.spec().has_default_backend()) {
      offer({2, 1, -1, ingress.metadata().name() + "-default-backend", 0},
            ingress.spec().default_backend().service().name());
    }
  }
  return best ? best->second : "404";
}

// ---- The pipeline, as `lintel run` drives it. ----

struct Pipeline {
  std::vector<api::Service> services;
  std::vector<api::EndpointSlice> slices;
  snapshot::v1::Snapshot snapshot;
  std::unique_ptr<dataplane::ListenerRouter> router;

  explicit Pipeline(const std::vector<api::Ingress>& ingresses) {
    for (int i = 0; i < kServices; ++i) {
      api::Service service;
      service.mutable_metadata()->set_name(service_name(i));
      service.mutable_metadata()->set_namespace_("default");
      auto* port = service.mutable_spec()->add_ports();
      port->set_name("http");
      port->set_protocol("TCP");
      port->set_port(80);
      port->mutable_target_port()->set_int_value(8080);
      services.push_back(service);
      api::EndpointSlice slice;
      slice.mutable_metadata()->set_name(service_name(i));
      slice.mutable_metadata()->set_namespace_("default");
      (*slice.mutable_metadata()->mutable_labels())[api::kServiceNameLabel] = service_name(i);
      slice.set_address_type("IPv4");
      auto* slice_port = slice.add_ports();
      slice_port->set_name("http");
      slice_port->set_protocol("TCP");
      slice_port->set_port(8080 + i);
      slice.add_endpoints()->add_addresses("127.0.0.1");
      slices.push_back(slice);
    }
    std::vector<const api::Ingress*> pointers;
    for (const auto& ingress : ingresses) pointers.push_back(&ingress);
    controller::TranslatorInput input;
    for (const auto& s : services) input.services.push_back(&s);
    conversion::ConversionOptions options;
    options.always_emit_default_gateway = true;
    auto converted = conversion::convert_ingresses(pointers, {}, input.services, options);
    for (const auto& c : converted.gateway_classes) input.gateway_classes.push_back(&c);
    for (const auto& g : converted.gateways) input.gateways.push_back(&g);
    for (const auto& r : converted.http_routes) input.http_routes.push_back(&r);
    for (const auto& s : slices) input.endpoint_slices.push_back(&s);
    snapshot = controller::translate(input, {});
    std::string error;
    router = dataplane::ListenerRouter::compile(snapshot.listeners(0), error);
    EXPECT_TRUE(router) << error;
  }

  std::string backend_for(const std::string& host, const std::string& target) const {
    dataplane::RouteRequest request{"GET", host, target, nullptr};
    const auto* route = router->match(request);
    if (!route) return "404";
    if (!route->has_forward()) return "direct " + std::to_string(route->direct_response().status());
    std::string cluster = route->forward().clusters(0).cluster();  // "default/svcN:80"
    return cluster.substr(cluster.find('/') + 1, cluster.find(':') - cluster.find('/') - 1);
  }
};

std::string describe(const std::vector<api::Ingress>& ingresses) {
  std::ostringstream out;
  for (const auto& ingress : ingresses) {
    out << "  Ingress " << ingress.metadata().name();
    if (ingress.spec().has_default_backend())
      out << " default->" << ingress.spec().default_backend().service().name();
    out << "\n";
    for (const auto& rule : ingress.spec().rules()) {
      for (const auto& path : rule.http().paths()) {
        out << "    host '" << rule.host() << "' " << path.path_type() << " " << path.path()
            << " -> " << path.backend().service().name() << "\n";
      }
    }
  }
  return out.str();
}

TEST(IngressEquivalence, ThePipelineRoutesEveryRequestAsTheIngressRulesSay) {
  int cases = 0, requests = 0;
  for (unsigned seed = 1; seed <= 3000; ++seed) {
    std::mt19937 random(seed);
    auto ingresses = generate(random);
    Pipeline pipeline(ingresses);
    ASSERT_TRUE(pipeline.router);
    ++cases;
    for (const auto& host : kRequestHosts) {
      for (const auto& target : kRequestPaths) {
        ++requests;
        std::string want = reference(ingresses, host, target);
        std::string got = pipeline.backend_for(host, target);
        ASSERT_EQ(got, want) << "seed " << seed << ", request " << host << target << "\n"
                             << describe(ingresses);
      }
    }
  }
  std::printf("%d generated Ingress sets, %d requests compared\n", cases, requests);
}

}  // namespace
}  // namespace lintel
