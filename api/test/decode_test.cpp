#include "lintel/api/decode.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "lintel/api/core.h"
#include "lintel/api/networking.h"

namespace lintel::api {
namespace {

DecodeResult decode(const std::string& text) {
  return decode_manifests(text, "test.yaml");
}

std::string only_error(const DecodeResult& result) {
  EXPECT_EQ(result.errors.size(), 1u);
  return result.errors.empty() ? "" : result.errors[0].to_string();
}

TEST(Decode, SeedSimpleIngressLowerCaseKindIsNotRegistered) {
  auto result = decode(R"(
apiVersion: networking.k8s.io/v1
kind: ingress
metadata:
  name: simple-ingress
spec:
  service:
    name: alpaca
    port:
      number: 8080
)");
  EXPECT_TRUE(result.objects.empty());
  std::string error = only_error(result);
  EXPECT_NE(error.find("test.yaml: document 0"), std::string::npos) << error;
  EXPECT_NE(
      error.find(R"(no kind "ingress" is registered for version "networking.k8s.io/v1" in scheme)"),
      std::string::npos)
      << error;
  EXPECT_NE(error.find(R"(did you mean "Ingress")"), std::string::npos) << error;
}

TEST(Decode, SeedUnknownFieldIsAStrictDecodingError) {
  auto result = decode(R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: simple-ingress
spec:
  service:
    name: alpaca
    port:
      number: 8080
)");
  EXPECT_TRUE(result.objects.empty());
  EXPECT_EQ(
      only_error(result),
      "test.yaml: document 0 (Ingress default/simple-ingress): Ingress in version \"v1\" cannot "
      "be handled as a Ingress: strict decoding error: unknown field \"spec.service\"");
}

TEST(Decode, AllUnknownFieldsAreListedTogetherWithIndexedPaths) {
  auto result = decode(R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: x, namespace: shop, colour: red}
spec:
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {serviceName: a, servicePort: 80}
)");
  std::string error = only_error(result);
  EXPECT_NE(error.find("(Ingress shop/x)"), std::string::npos) << error;
  EXPECT_NE(
      error.find(
          R"(strict decoding error: unknown field "metadata.colour", unknown field "spec.rules[0].http.paths[0].backend.serviceName", unknown field "spec.rules[0].http.paths[0].backend.servicePort")"),
      std::string::npos)
      << error;
}

TEST(Decode, SeedFixedSimpleIngressDecodes) {
  auto result = decode(R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: simple-ingress
spec:
  defaultBackend:
    service:
      name: alpaca
      port:
        number: 8080
)");
  ASSERT_TRUE(result.errors.empty()) << result.errors[0].to_string();
  ASSERT_EQ(result.objects.size(), 1u);
  const auto* ingress = object_as<Ingress>(result.objects[0].object);
  ASSERT_NE(ingress, nullptr);
  EXPECT_EQ(ingress->metadata().namespace_(), "default");
  ASSERT_TRUE(ingress->spec().default_backend().has_service());
  EXPECT_EQ(ingress->spec().default_backend().service().name(), "alpaca");
  EXPECT_EQ(ingress->spec().default_backend().service().port().number(), 8080);
}

TEST(Decode, AListsItemsAreDecodedAsObjectsOfTheirOwn) {
  auto result = decode(R"({"apiVersion": "v1", "kind": "List", "items": [
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
     "spec": {"ports": [{"port": 80}]}},
    {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web"},
     "spec": {"defaultBackend": {"service": {"name": "web", "port": {"number": 80}}}}},
    {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "bad"},
     "spec": {"defaultBakend": {}}}]})");
  ASSERT_EQ(result.objects.size(), 2u);
  EXPECT_NE(object_as<Service>(result.objects[0].object), nullptr);
  EXPECT_NE(object_as<Ingress>(result.objects[1].object), nullptr);
  EXPECT_NE(only_error(result).find("unknown field \"spec.defaultBakend\""), std::string::npos);
}

TEST(Decode, AListWhoseItemsAreNotAnArrayIsAnError) {
  auto result = decode("apiVersion: v1\nkind: List\nitems: {a: 1}\n");
  EXPECT_TRUE(result.objects.empty());
  EXPECT_NE(only_error(result).find("cannot unmarshal object into Go struct field List.items"),
            std::string::npos);
}

TEST(Decode, CreationTimestampIsKeptForPrecedence) {
  auto result = decode(
      "apiVersion: v1\nkind: Service\nmetadata: {name: a, creationTimestamp: "
      "\"2026-11-25T10:39:52Z\"}\nspec: {ports: [{port: 80}]}\n");
  ASSERT_EQ(result.objects.size(), 1u) << only_error(result);
  EXPECT_EQ(meta_of(result.objects[0].object).creation_timestamp, "2026-11-25T10:39:52Z");
}

TEST(Decode, MultiDocumentKeepsGoodDocumentsAndIndexesBadOnes) {
  auto result = decode(R"(
apiVersion: v1
kind: Service
metadata: {name: alpaca}
spec:
  ports: [{name: http, port: 8080, targetPort: http}]
---
---
apiVersion: v1
kind: Service
metadata: {name: broken}
spec:
  ports: [{port: eighty}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: alpaca-1
  labels: {kubernetes.io/service-name: alpaca}
addressType: IPv4
ports: [{name: http, port: 28081}]
endpoints:
- addresses: [127.0.0.1]
)");
  ASSERT_EQ(result.objects.size(), 2u);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].document, 2);
  EXPECT_NE(result.errors[0].message.find("json: cannot unmarshal string into Go struct field "
                                          "Service.spec.ports[0].port of type int32"),
            std::string::npos)
      << result.errors[0].message;
  const auto* service = object_as<Service>(result.objects[0].object);
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->spec().ports(0).target_port().str_value(), "http");
  EXPECT_EQ(service->spec().ports(0).protocol(), "TCP") << "defaulted";
  const auto* slice = object_as<EndpointSlice>(result.objects[1].object);
  ASSERT_NE(slice, nullptr);
  EXPECT_EQ(result.objects[1].document, 3);
  EXPECT_EQ(slice->metadata().labels().at("kubernetes.io/service-name"), "alpaca");
  EXPECT_EQ(slice->ports(0).port(), 28081);
  EXPECT_FALSE(slice->endpoints(0).conditions().has_ready());
}

TEST(Decode, QuotedNumberIsAStringAndPlainNumberIsNot) {
  auto result = decode(R"(
apiVersion: v1
kind: Service
metadata: {name: "123"}
spec:
  ports: [{name: 80, port: "80"}]
)");
  std::string error = only_error(result);
  EXPECT_NE(
      error.find(
          "cannot unmarshal number into Go struct field Service.spec.ports[0].name of type string"),
      std::string::npos)
      << error;
  EXPECT_NE(
      error.find(
          "cannot unmarshal string into Go struct field Service.spec.ports[0].port of type int32"),
      std::string::npos)
      << error;
}

TEST(Decode, DuplicateKeysAreRejectedWithTheirLines) {
  auto result = decode("apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n");
  std::string error = only_error(result);
  EXPECT_NE(error.find(R"(line 5: mapping key "name" already defined at line 4)"),
            std::string::npos)
      << error;
}

TEST(Decode, MissingApiVersionAndKindUseTheApiMachineryWords) {
  EXPECT_NE(only_error(decode("kind: Service\nmetadata: {name: a}\n"))
                .find("Object 'apiVersion' is missing in"),
            std::string::npos);
  EXPECT_NE(only_error(decode("apiVersion: v1\nmetadata: {name: a}\n"))
                .find("Object 'Kind' is missing in"),
            std::string::npos);
}

TEST(Decode, UnknownGroupVersionSaysNoMatches) {
  std::string error =
      only_error(decode("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"));
  EXPECT_NE(error.find(R"(no matches for kind "Widget" in version "example.com/v1")"),
            std::string::npos)
      << error;
}

TEST(Decode, ServedKindsLintelDoesNotReadAreSkippedWithAWarning) {
  auto result =
      decode("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n");
  EXPECT_TRUE(result.errors.empty());
  EXPECT_TRUE(result.objects.empty());
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].message.find("not read by Lintel"), std::string::npos);
}

TEST(Decode, YamlSyntaxErrorNamesTheDocumentAndLine) {
  auto result = decode(
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [\n");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].document, 1);
  EXPECT_NE(result.errors[0].message.find("error converting YAML to JSON: yaml: line"),
            std::string::npos);
}

TEST(Decode, JsonDocumentsDecode) {
  auto result = decode(R"({"apiVersion":"networking.k8s.io/v1","kind":"IngressClass",
    "metadata":{"name":"lintel","annotations":{"ingressclass.kubernetes.io/is-default-class":"true"}},
    "spec":{"controller":"lintel.io/ingress-controller"}})");
  ASSERT_EQ(result.objects.size(), 1u) << only_error(result);
  const auto* ingress_class = object_as<IngressClass>(result.objects[0].object);
  ASSERT_NE(ingress_class, nullptr);
  EXPECT_TRUE(is_default_class(*ingress_class));
  EXPECT_EQ(ingress_class->metadata().namespace_(), "");
}

TEST(Decode, NonMappingDocumentIsAnErrorNotACrash) {
  for (const char* text :
       {"- a\n- b\n", "just a string\n", "42\n", "[{]\n", "{a: *undefined}\n", "\t\x01\xff"}) {
    auto result = decode(text);
    EXPECT_TRUE(result.objects.empty()) << text;
    EXPECT_FALSE(result.errors.empty()) << text;
  }
}

TEST(Decode, AnchorsAndAliasesResolve) {
  auto result = decode(R"(
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: anchors}
spec:
  defaultBackend: &be
    service: {name: be-default, port: {number: 8080}}
  rules:
  - host: a.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: *be}
)");
  ASSERT_EQ(result.objects.size(), 1u) << only_error(result);
  const auto* ingress = object_as<Ingress>(result.objects[0].object);
  ASSERT_NE(ingress, nullptr);
  EXPECT_EQ(ingress->spec().rules(0).http().paths(0).backend().service().name(), "be-default");
}

}  // namespace
}  // namespace lintel::api

namespace lintel::api {
namespace {

TEST(DecodeLimits, AliasBombIsRefusedNotExpanded) {
  std::string text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: bomb}\nspec:\n";
  text += "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    text += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev + ", " + prev +
            ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev +
            ", " + prev + ", " + prev + "]\n";
  }
  auto result = decode_manifests(text, "bomb.yaml");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].message.find("document contains excessive aliasing"),
            std::string::npos)
      << result.errors[0].message;
}

TEST(DecodeLimits, DeepNestingIsRefused) {
  std::string text =
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: deep}\nspec: " + std::string(100000, '[') +
      std::string(100000, ']') + "\n";
  auto result = decode_manifests(text, "deep.yaml");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].message.find("exceeded max depth"), std::string::npos)
      << result.errors[0].message;
}

// Found by decode_manifests_fuzzer: made yaml-cpp 0.7 allocate without bound.
TEST(DecodeLimits, FuzzFoundRunawayAllocationIsAPlainError) {
  std::ifstream in(LINTEL_API_TESTDATA "/fuzz-runaway-allocation.yaml", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  ASSERT_GT(text.str().size(), 1000u);
  auto result = decode_manifests(text.str(), "fuzz.yaml");
  EXPECT_TRUE(result.objects.empty());
  ASSERT_FALSE(result.errors.empty());
  EXPECT_NE(result.errors[0].message.find("error converting YAML to JSON: yaml: line"),
            std::string::npos);
}

TEST(DecodeLimits, DocumentsBeforeASyntaxErrorAreKept) {
  auto result = decode_manifests(
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nkey: [unclosed\n", "f.yaml");
  ASSERT_EQ(result.objects.size(), 1u);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].document, 1);
}

}  // namespace
}  // namespace lintel::api
