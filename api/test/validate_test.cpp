#include "lintel/api/validate.h"

#include <gtest/gtest.h>

#include "lintel/api/decode.h"

namespace lintel::api {
namespace {

std::string error_of(const std::string& spec) {
  auto result = decode_manifests(
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n" + spec,
      "v.yaml");
  EXPECT_TRUE(result.objects.empty());
  return result.errors.empty() ? "" : result.errors[0].message;
}

TEST(ValidateIngress, NeedsDefaultBackendOrRules) {
  EXPECT_EQ(
      error_of("  tls: []\n"),
      "The Ingress \"web\" is invalid: spec: Invalid value: []networking.IngressRule(nil): either "
      "`defaultBackend` or `rules` must be specified");
}

TEST(ValidateIngress, PathTypeIsRequired) {
  EXPECT_EQ(error_of("  rules:\n  - http:\n      paths:\n      - path: /\n        backend: "
                     "{service: {name: a, port: {number: 80}}}\n"),
            "The Ingress \"web\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: "
            "pathType "
            "must be specified");
}

TEST(ValidateIngress, UnsupportedPathTypeListsTheSupportedOnes) {
  std::string error = error_of(
      "  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: prefix\n        "
      "backend: {service: {name: a, port: {number: 80}}}\n");
  EXPECT_NE(
      error.find(
          R"(spec.rules[0].http.paths[0].pathType: Unsupported value: "prefix": supported values: "Exact", "ImplementationSpecific", "Prefix")"),
      std::string::npos)
      << error;
}

TEST(ValidateIngress, PathsMustBeAbsoluteAndClean) {
  EXPECT_NE(
      error_of("  rules:\n  - http:\n      paths:\n      - {path: a, pathType: Prefix, backend: "
               "{service: {name: a, port: {number: 80}}}}\n")
          .find(
              R"(spec.rules[0].http.paths[0].path: Invalid value: "a": must be an absolute path)"),
      std::string::npos);
  EXPECT_NE(error_of("  rules:\n  - http:\n      paths:\n      - {path: /a//b, pathType: Exact, "
                     "backend: {service: {name: a, port: {number: 80}}}}\n")
                .find("must not contain '//'"),
            std::string::npos);
}

TEST(ValidateIngress, BackendPortRules) {
  EXPECT_NE(
      error_of("  defaultBackend: {service: {name: a}}\n")
          .find(
              "spec.defaultBackend.service.port: Required value: port name or number is required"),
      std::string::npos);
  EXPECT_NE(error_of("  defaultBackend: {service: {name: a, port: {name: http, number: 80}}}\n")
                .find("cannot set both port name & port number"),
            std::string::npos);
  EXPECT_NE(
      error_of("  defaultBackend: {service: {name: Alpaca, port: {number: 80}}}\n")
          .find(R"(spec.defaultBackend.service.name: Invalid value: "Alpaca": a DNS-1035 label)"),
      std::string::npos);
}

TEST(ValidateIngress, HostsAreDnsNamesNotAddresses) {
  std::string spec = "  rules:\n  - host: 10.0.0.1\n  - host: '*.Foo.com'\n  - host: '*.foo.com'\n";
  std::string error = error_of(spec);
  EXPECT_NE(
      error.find(
          R"(spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address)"),
      std::string::npos)
      << error;
  EXPECT_NE(
      error.find("spec.rules[1].host: Invalid value: \"*.Foo.com\": a wildcard DNS-1123 subdomain"),
      std::string::npos)
      << error;
  EXPECT_EQ(error.find("spec.rules[2]"), std::string::npos) << error;
  EXPECT_EQ(error.front(), 'T');
  EXPECT_NE(error.find(": ["), std::string::npos) << "several errors are bracketed: " << error;
}

const SchemaObject& only_object(const DecodeResult& result) {
  EXPECT_TRUE(result.errors.empty()) << result.errors[0].to_string();
  return std::get<SchemaObject>(result.objects.at(0).object);
}

TEST(TransitionRules, ControllerNameIsImmutableOnGatewayClassAndXMesh) {
  for (const char* head : {"apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\n",
                           "apiVersion: gateway.networking.x-k8s.io/v1alpha1\nkind: XMesh\n"}) {
    auto object = [&](const char* controller, const char* description) {
      return decode_manifests(std::string(head) + "metadata: {name: m}\nspec: {controllerName: " +
                                  controller + ", description: " + description + "}\n",
                              "t.yaml");
    };
    auto first = object("example.com/a", "one");
    auto described = object("example.com/a", "two");
    auto moved = object("example.com/b", "one");
    EXPECT_TRUE(transition_errors(only_object(first), only_object(described)).empty()) << head;
    auto errors = transition_errors(only_object(first), only_object(moved));
    ASSERT_EQ(errors.size(), 1u) << head;
    EXPECT_EQ(errors[0].to_string(),
              "spec.controllerName: Invalid value: \"string\": Value is immutable");
  }
}

}  // namespace
}  // namespace lintel::api
