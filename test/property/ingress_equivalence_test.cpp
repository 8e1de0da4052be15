// Equivalence is the conversion's contract: for generated sets of Ingresses (two namespaces,
// creation times, spec.tls, ssl-redirect on or off) and generated requests over HTTP and HTTPS,
// the outcome of a direct reading of the Ingress rules (conversion/ingress_semantics.h, written
// from the Ingress v1 spec and Lintel's documented choices, sharing no routing code with the
// pipeline) must be the outcome of the whole pipeline: conversion to Gateway API, translation
// to a snapshot, and the data plane's compiled router (the same pair `lintel migrate --verify`
// compares). Backend, forwarded path, status and redirect Location all count. Seeded and
// reproducible; a failure prints the seed, the Ingresses and the request.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <tuple>

#include "lintel/api/decode.h"
#include "lintel/api/encode.h"
#include "lintel/controller/object_store.h"
#include "lintel/controller/translator.h"
#include "lintel/conversion/ingress_semantics.h"
#include "lintel/conversion/ingress_to_gateway.h"
#include "lintel/core/v1/secret.pb.h"
#include "migrate_verify.h"

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
const std::vector<std::string> kNamespaces = {"default", "other"};
const std::vector<std::string> kTimestamps = {"", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"};

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
    ingress.mutable_metadata()->set_namespace_(kNamespaces[random() % kNamespaces.size()]);
    ingress.mutable_metadata()->set_creation_timestamp(kTimestamps[random() % kTimestamps.size()]);
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
    // spec.tls for some of its hosts, now and then for every host (no hosts listed).
    if (random() % 2 == 0) {
      auto* tls = spec->add_tls();
      tls->set_secret_name("tls" + std::to_string(random() % kServices));
      if (random() % 6 != 0) {
        for (const auto& rule : spec->rules()) {
          if (!rule.host().empty() && random() % 2 == 0 &&
              std::find(tls->hosts().begin(), tls->hosts().end(), rule.host()) ==
                  tls->hosts().end())
            tls->add_hosts(rule.host());
        }
        if (tls->hosts().empty()) tls->add_hosts(kHosts[1 + random() % (kHosts.size() - 1)]);
      }
    }
    if (!accepted(ingress)) continue;
    ingresses.push_back(ingress);
  }
  return ingresses;
}

// ---- Both ways: the reference reading (conversion/ingress_semantics.h) and the pipeline
// (conversion, translation, the data plane's router; cmd/lintel/migrate_verify.h). ----

std::optional<core::v1::Secret> fixture_secret() {
  std::ifstream in(LINTEL_TLS_FIXTURE);
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& decoded : api::decode_manifests(text.str(), "fixture.yaml").objects) {
    if (const auto* secret = api::object_as<core::v1::Secret>(decoded.object)) {
      if (secret->metadata().name() == "fixture") return *secret;
    }
  }
  return std::nullopt;
}

struct Pipeline {
  std::vector<api::Service> services;
  std::vector<core::v1::Secret> secrets;
  api::ConfigMap config_map;
  conversion::ConversionResult converted;
  std::unique_ptr<conversion::IngressSemantics> semantics;
  std::unique_ptr<cmd::ConvertedRouter> router;

  Pipeline(const std::vector<api::Ingress>& ingresses, bool ssl_redirect) {
    static const std::optional<core::v1::Secret> fixture = fixture_secret();
    EXPECT_TRUE(fixture) << "no Secret \"fixture\" in " << LINTEL_TLS_FIXTURE;
    for (const auto& namespace_ : kNamespaces) {
      for (int i = 0; i < kServices; ++i) {
        api::Service service;
        service.mutable_metadata()->set_name(service_name(i));
        service.mutable_metadata()->set_namespace_(namespace_);
        auto* port = service.mutable_spec()->add_ports();
        port->set_name("http");
        port->set_protocol("TCP");
        port->set_port(80);
        port->mutable_target_port()->set_int_value(8080);
        services.push_back(service);
        core::v1::Secret secret = *fixture;
        secret.mutable_metadata()->set_name("tls" + std::to_string(i));
        secret.mutable_metadata()->set_namespace_(namespace_);
        secrets.push_back(secret);
      }
    }
    config_map.mutable_metadata()->set_name("ingress-nginx-controller");
    config_map.mutable_metadata()->set_namespace_("ingress-nginx");
    (*config_map.mutable_data())["ssl-redirect"] = ssl_redirect ? "true" : "false";
    std::vector<const api::Ingress*> pointers;
    for (const auto& ingress : ingresses) pointers.push_back(&ingress);
    std::vector<const api::Service*> service_pointers;
    for (const auto& s : services) service_pointers.push_back(&s);
    std::vector<const core::v1::Secret*> secret_pointers;
    for (const auto& s : secrets) secret_pointers.push_back(&s);
    conversion::ConversionOptions options;
    options.always_emit_default_gateway = true;
    converted =
        conversion::convert_ingresses(pointers, {}, service_pointers, options, {&config_map});
    semantics = std::make_unique<conversion::IngressSemantics>(
        pointers, std::vector<const api::IngressClass*>{}, service_pointers, options,
        converted.ingress_nginx);
    router = std::make_unique<cmd::ConvertedRouter>(converted, service_pointers, secret_pointers);
  }
};

std::string describe(const std::vector<api::Ingress>& ingresses) {
  std::ostringstream out;
  for (const auto& ingress : ingresses) {
    out << "  Ingress " << ingress.metadata().namespace_() << "/" << ingress.metadata().name()
        << " created '" << ingress.metadata().creation_timestamp() << "'";
    for (const auto& tls : ingress.spec().tls()) {
      out << " tls " << tls.secret_name() << "[";
      for (const auto& host : tls.hosts()) out << host << " ";
      out << "]";
    }
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
    bool ssl_redirect = random() % 4 != 0;
    Pipeline pipeline(ingresses, ssl_redirect);
    ++cases;
    for (const char* scheme : {"http", "https"}) {
      for (const auto& host : kRequestHosts) {
        for (const auto& target : kRequestPaths) {
          conversion::IngressRequest request{scheme, host, target};
          auto want = pipeline.semantics->route(request);
          // A host no certificate covers has no HTTPS to compare.
          if (want.kind == conversion::RoutedRequest::Kind::no_listener) continue;
          ++requests;
          ASSERT_EQ(pipeline.router->route(request).describe(), want.describe())
              << "seed " << seed << ", ssl-redirect " << ssl_redirect << ", request " << scheme
              << "://" << host << target << "\n"
              << describe(ingresses);
        }
      }
    }
  }
  std::printf("%d generated Ingress sets, %d requests compared\n", cases, requests);
}

}  // namespace
}  // namespace lintel
