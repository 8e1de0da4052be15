// Golden tests for the pure core, manifests to snapshot: every testdata/translate/NAME.in.yaml
// is decoded, its Ingresses converted, the graph built and the result translated; the
// conversion notes, what is not served and the snapshot (as JSON) must equal NAME.out. Run with
// LINTEL_UPDATE_GOLDEN=1 to rewrite the .out files, then review them as diffs.
#include "lintel/controller/translator.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "lintel/api/decode.h"
#include "lintel/controller/not_served.h"
#include "lintel/controller/object_store.h"
#include "lintel/controller/reconciler.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::controller {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The PEM of a golden's TLS material is the test fixture's (testdata/tls/generate.sh); shown
// as its size, the goldens stay readable.
snapshot::v1::Snapshot without_pem(snapshot::v1::Snapshot snapshot) {
  for (auto& listener : *snapshot.mutable_listeners()) {
    if (!listener.has_tls()) continue;
    for (auto& certificate : *listener.mutable_tls()->mutable_certificates()) {
      certificate.set_certificate_chain_pem(
          "(" + std::to_string(certificate.certificate_chain_pem().size()) + " bytes)");
      certificate.set_private_key_pem("(" + std::to_string(certificate.private_key_pem().size()) +
                                      " bytes)");
    }
  }
  return snapshot;
}

std::string snapshot_json(const snapshot::v1::Snapshot& shown) {
  const snapshot::v1::Snapshot snapshot = without_pem(shown);
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(snapshot, &json, options).ok());
  return json;
}

// The whole pure pipeline, as `lintel run` drives it: the store, the conversion of Ingresses,
// the graph and the translation; what the native objects ask for that is not served is listed
// first. `shuffle` reorders the input objects to prove that the output does not depend on their
// order.
std::string render(const std::string& manifests, const std::string& file, unsigned shuffle) {
  api::DecodeResult decoded = api::decode_manifests(manifests, file);
  std::string out;
  for (const auto& error : decoded.errors) out += "# decode error: " + error.to_string() + "\n";
  std::vector<ObjectPtr> objects;
  for (auto& d : decoded.objects) objects.push_back(std::make_shared<const api::Object>(d.object));
  if (shuffle) std::shuffle(objects.begin(), objects.end(), std::mt19937(shuffle));
  ObjectStore store;
  store.replace_all(objects);

  conversion::ConversionOptions options;
  options.always_emit_default_gateway = true;
  auto ingresses = store.list<api::Ingress>();
  if (shuffle) std::shuffle(ingresses.begin(), ingresses.end(), std::mt19937(shuffle));
  auto converted = conversion::convert_ingresses(ingresses, store.list<api::IngressClass>(),
                                                 store.list<api::Service>(), options);
  for (const auto& note : converted.notes) {
    out += "# conversion note: " + note.ingress + " " + note.field + ": " + note.message + "\n";
  }
  for (const auto* object : store.list<api::SchemaObject>()) {
    for (const auto& line : not_served(*object)) out += "# not served: " + line + "\n";
  }
  std::vector<ObjectPtr> graph_objects = store.all();
  if (shuffle) std::shuffle(graph_objects.begin(), graph_objects.end(), std::mt19937(shuffle));
  ReconciledGraph reconciled(std::move(graph_objects), std::move(converted),
                             graph_options(TranslatorOptions{}));
  auto services = store.list<api::Service>();
  if (shuffle) std::shuffle(services.begin(), services.end(), std::mt19937(shuffle));
  ServiceResolver resolver(services, store.list<api::EndpointSlice>());
  return out + snapshot_json(translate(reconciled.graph(), resolver, TranslatorOptions{}));
}

std::vector<fs::path> golden_inputs() {
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(LINTEL_TESTDATA_DIR "/translate")) {
    std::string name = entry.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == ".in.yaml")
      inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

TEST(TranslatorGolden, EveryCaseMatchesItsOutputFile) {
  auto inputs = golden_inputs();
  ASSERT_GE(inputs.size(), 5u) << "golden inputs missing from " << LINTEL_TESTDATA_DIR;
  bool update = std::getenv("LINTEL_UPDATE_GOLDEN") != nullptr;
  for (const auto& input : inputs) {
    std::string name = input.filename().string();
    fs::path expected_path = input.parent_path() / (name.substr(0, name.size() - 8) + ".out");
    std::string actual = render(read_file(input), name, 0);
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_path))
        << expected_path << " is missing; run with LINTEL_UPDATE_GOLDEN=1";
    EXPECT_EQ(actual, read_file(expected_path)) << "golden mismatch for " << name;
  }
}

TEST(TranslatorGolden, OutputDoesNotDependOnInputOrder) {
  for (const auto& input : golden_inputs()) {
    std::string text = read_file(input);
    std::string name = input.filename().string();
    std::string reference = render(text, name, 0);
    for (unsigned seed = 1; seed <= 5; ++seed)
      EXPECT_EQ(render(text, name, seed), reference) << name;
  }
}

// Gateway API objects as `lintel run` reads them from a manifest folder.
struct Decoded {
  api::DecodeResult result;
  TranslatorInput input;

  explicit Decoded(const std::string& manifests)
      : result(api::decode_manifests(manifests, "test.yaml")) {
    EXPECT_TRUE(result.errors.empty()) << result.errors[0].to_string();
    for (const auto& decoded : result.objects) {
      if (const auto* service = api::object_as<api::Service>(decoded.object))
        input.services.push_back(service);
      if (const auto* slice = api::object_as<api::EndpointSlice>(decoded.object))
        input.endpoint_slices.push_back(slice);
      const auto* object = std::get_if<api::SchemaObject>(&decoded.object);
      if (!object) continue;
      if (const auto* c = object->as<gateway::v1::GatewayClass>())
        input.gateway_classes.push_back(c);
      if (const auto* g = object->as<gateway::v1::Gateway>()) input.gateways.push_back(g);
      if (const auto* l = object->as<gateway::v1::ListenerSet>()) input.listener_sets.push_back(l);
      if (const auto* r = object->as<gateway::v1::HTTPRoute>()) input.http_routes.push_back(r);
    }
  }
};

constexpr const char* kGateway = R"(
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: lintel
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{name: http, port: 80}]
)";

TEST(Translator, AnUnresolvedBackendRefKeepsItsShareAsAnEmptyCluster) {
  Decoded decoded(std::string(kGateway) + R"(
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: split}
spec:
  parentRefs: [{name: gw}]
  rules:
  - backendRefs:
    - {name: web, port: 80, weight: 3}
    - {name: missing, port: 80}
)");
  auto snapshot = translate(decoded.input, TranslatorOptions{});
  ASSERT_EQ(snapshot.listeners_size(), 1);
  const auto& forward = snapshot.listeners(0).virtual_hosts(0).routes(0).forward();
  ASSERT_EQ(forward.clusters_size(), 2);
  EXPECT_EQ(forward.clusters(0).cluster(), "default/web:80");
  EXPECT_EQ(forward.clusters(0).weight(), 3u);
  EXPECT_EQ(forward.clusters(1).cluster(), "");
  EXPECT_EQ(forward.clusters(1).weight(), 1u);
}

TEST(Translator, AnIngressNamedPortThatDidNotResolveKeepsItsShareAsAnEmptyCluster) {
  Decoded decoded(std::string(kGateway) + R"(
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
      - {path: /old, pathType: Prefix, backend: {service: {name: web, port: {name: gone}}}}
)");
  std::vector<const api::Ingress*> ingresses;
  for (const auto& object : decoded.result.objects) {
    if (const auto* ingress = api::object_as<api::Ingress>(object.object))
      ingresses.push_back(ingress);
  }
  auto converted = conversion::convert_ingresses(ingresses, {}, decoded.input.services, {});
  ASSERT_EQ(converted.http_routes.size(), 1u);
  TranslatorInput input = decoded.input;
  input.gateway_classes = {&converted.gateway_classes[0]};
  input.gateways = {&converted.gateways[0]};
  input.http_routes = {&converted.http_routes[0]};
  auto snapshot = translate(input, TranslatorOptions{});
  const auto& routes = snapshot.listeners(0).virtual_hosts(0).routes();
  ASSERT_EQ(routes.size(), 2);
  EXPECT_EQ(routes[0].path().value(), "/old");
  EXPECT_EQ(routes[0].direct_response().status(), 500u);
  EXPECT_EQ(routes[1].forward().clusters(0).cluster(), "default/web:80");
}

TEST(Translator, ABackendPortIsTheServicesTcpPortOfThatNumber) {
  Decoded decoded(std::string(kGateway) + R"(
---
apiVersion: v1
kind: Service
metadata: {name: dns}
spec:
  ports:
  - {name: dns-tcp, port: 53, protocol: TCP}
  - {name: dns-udp, port: 53, protocol: UDP}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: dns-1
  labels: {kubernetes.io/service-name: dns}
addressType: IPv4
ports:
- {name: dns-tcp, port: 5353, protocol: TCP}
- {name: dns-udp, port: 5354, protocol: UDP}
endpoints: [{addresses: [10.0.0.1]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: dns}
spec:
  parentRefs: [{name: gw}]
  rules: [{backendRefs: [{name: dns, port: 53}]}]
)");
  auto snapshot = translate(decoded.input, TranslatorOptions{});
  ASSERT_EQ(snapshot.clusters_size(), 1);
  ASSERT_EQ(snapshot.clusters(0).endpoints_size(), 1);
  EXPECT_EQ(snapshot.clusters(0).endpoints(0).port(), 5353u);
}

TEST(Translator, OnlyConvertedRoutesKeepOneLabelWildcards) {
  Decoded decoded(std::string(kGateway) + R"(
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: native}
spec:
  parentRefs: [{name: gw}]
  hostnames: ["*.native.example.com"]
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: converted
  annotations: {internal.lintel.io/wildcards: single-label}
spec:
  parentRefs: [{name: gw}]
  hostnames: ["*.ingress.example.com"]
  rules: [{backendRefs: [{name: web, port: 80}]}]
)");
  auto snapshot = translate(decoded.input, TranslatorOptions{});
  std::map<std::string, snapshot::v1::WildcardMode> modes;
  for (const auto& vhost : snapshot.listeners(0).virtual_hosts())
    modes[vhost.domains(0)] = vhost.wildcard_mode();
  EXPECT_EQ(modes["*.native.example.com"], snapshot::v1::WILDCARD_MODE_SUFFIX);
  EXPECT_EQ(modes["*.ingress.example.com"], snapshot::v1::WILDCARD_MODE_SINGLE_LABEL);
}

// Validation refuses such a rule; were one to get through, the data plane would refuse the whole
// snapshot, so the route answers 500 instead.
TEST(Translator, ARegularExpressionRouteCannotReplaceAPrefix) {
  Decoded decoded(std::string(kGateway) + R"(
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: rewrite}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /a}}]
    filters:
    - {type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /b}}}
    backendRefs: [{name: web, port: 80}]
)");
  ASSERT_EQ(decoded.input.http_routes.size(), 1u);
  gateway::v1::HTTPRoute route = *decoded.input.http_routes[0];
  route.mutable_spec()->mutable_rules(0)->mutable_matches(0)->mutable_path()->set_type(
      "RegularExpression");
  TranslatorInput input = decoded.input;
  input.http_routes = {&route};
  auto snapshot = translate(input, TranslatorOptions{});
  const auto& served = snapshot.listeners(0).virtual_hosts(0).routes(0);
  EXPECT_EQ(served.direct_response().status(), 500u);
  EXPECT_FALSE(served.has_url_rewrite());
}

TEST(Translator, GatewaysReportTheBindAddressOrLoopbackForAWildcard) {
  EXPECT_EQ(graph_options({.bind_address = "0.0.0.0"}).addresses,
            std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(graph_options({.bind_address = "::"}).addresses, std::vector<std::string>{"::1"});
  EXPECT_EQ(graph_options({.bind_address = "10.1.2.3"}).addresses,
            std::vector<std::string>{"10.1.2.3"});
}

}  // namespace
}  // namespace lintel::controller
