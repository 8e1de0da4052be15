#include "lintel/conversion/ingress_to_gateway.h"

#include <gtest/gtest.h>

namespace lintel::conversion {
namespace {

api::Ingress ingress(const std::string& name,
                     std::optional<std::string> class_name = std::nullopt) {
  api::Ingress out;
  out.metadata.name = name;
  out.metadata.namespace_ = "web";
  out.spec.ingress_class_name = std::move(class_name);
  api::IngressRule rule;
  rule.host = "*.example.com";
  api::HTTPIngressPath exact{"/exact", api::PathType::kExact, {}};
  exact.backend.service = api::IngressServiceBackend{"svc", {"", 80}};
  api::HTTPIngressPath prefix{"/prefix/", api::PathType::kPrefix, {}};
  prefix.backend.service = api::IngressServiceBackend{"svc", {"http", std::nullopt}};
  api::HTTPIngressPath specific{"/impl", api::PathType::kImplementationSpecific, {}};
  specific.backend.service = api::IngressServiceBackend{"svc", {"", 80}};
  rule.http_paths = std::vector<api::HTTPIngressPath>{exact, prefix, specific};
  out.spec.rules.push_back(rule);
  return out;
}

api::IngressClass ingress_class(const std::string& name, const std::string& controller,
                                bool is_default = false) {
  api::IngressClass out;
  out.metadata.name = name;
  out.controller = controller;
  if (is_default) out.metadata.annotations[api::IngressClass::kIsDefaultClassAnnotation] = "true";
  return out;
}

TEST(IngressClassSelector, PrecedenceOfClassNameAnnotationAndDefault) {
  IngressClassSelector lintel_is_default({}, {});
  EXPECT_EQ(lintel_is_default.class_of(ingress("a")), "lintel");
  EXPECT_EQ(lintel_is_default.class_of(ingress("a", "lintel")), "lintel");
  EXPECT_EQ(lintel_is_default.class_of(ingress("a", "nginx")), std::nullopt);

  auto legacy = ingress("a");
  legacy.metadata.annotations[kLegacyClassAnnotation] = "lintel";
  EXPECT_EQ(lintel_is_default.class_of(legacy), "lintel");
  legacy.spec.ingress_class_name = "nginx";
  EXPECT_EQ(lintel_is_default.class_of(legacy), std::nullopt)
      << "spec.ingressClassName wins over the annotation";

  auto nginx = ingress_class("nginx", "k8s.io/ingress-nginx", true);
  auto edge = ingress_class("edge", kIngressControllerName);
  IngressClassSelector selector({&nginx, &edge}, {});
  EXPECT_EQ(selector.class_of(ingress("a")), std::nullopt);
  EXPECT_EQ(selector.class_of(ingress("a", "edge")), "edge");

  auto edge_default = ingress_class("edge", kIngressControllerName, true);
  EXPECT_EQ(IngressClassSelector({&edge_default}, {}).class_of(ingress("a")), "edge");

  auto lintel_taken = ingress_class("lintel", "someone.else/controller");
  EXPECT_EQ(IngressClassSelector({&lintel_taken}, {}).class_of(ingress("a", "lintel")),
            std::nullopt)
      << "an IngressClass named like ours but owned by another controller is not ours";
}

TEST(ConvertIngresses, OneSharedGatewayPerClassAndRoutesInTheIngressNamespace) {
  ConversionOptions options;
  options.http_port = 8080;
  auto b = ingress("b");
  auto a = ingress("a");
  auto result = convert_ingresses({&b, &a}, {}, options);
  ASSERT_EQ(result.gateways.size(), 1u);
  EXPECT_EQ(result.gateways[0].metadata.namespace_, kGatewayNamespace);
  EXPECT_EQ(result.gateways[0].listeners[0].port, 8080);
  EXPECT_EQ(result.gateways[0].listeners[0].allowed_routes.from, api::FromNamespaces::kAll);
  ASSERT_EQ(result.gateway_classes.size(), 1u);
  EXPECT_EQ(result.gateway_classes[0].controller_name, kGatewayControllerName);

  ASSERT_EQ(result.http_routes.size(), 2u);
  const auto& route = result.http_routes[0];
  EXPECT_EQ(route.metadata.name, "a-wildcard-example-com");
  EXPECT_EQ(route.metadata.namespace_, "web");
  EXPECT_TRUE(route.single_label_wildcards);
  EXPECT_EQ(route.hostnames, std::vector<std::string>{"*.example.com"});
  EXPECT_EQ(route.parent_refs[0].namespace_, kGatewayNamespace);
  ASSERT_EQ(route.rules.size(), 3u);
  EXPECT_EQ(route.rules[0].matches[0].path.type, api::PathMatchType::kExact);
  EXPECT_EQ(route.rules[1].matches[0].path.type, api::PathMatchType::kPathPrefix);
  EXPECT_EQ(route.rules[1].matches[0].path.value, "/prefix/");
  EXPECT_EQ(route.rules[1].backend_refs[0].port_name, "http");
  EXPECT_FALSE(route.rules[1].backend_refs[0].port.has_value());
  EXPECT_EQ(route.rules[2].matches[0].path.type, api::PathMatchType::kPathPrefix)
      << "ImplementationSpecific is a prefix match in Lintel";
}

TEST(ConvertIngresses, DefaultGatewayExistsWithoutIngressesOnlyWhenAsked) {
  EXPECT_TRUE(convert_ingresses({}, {}, {}).gateways.empty());
  ConversionOptions options;
  options.always_emit_default_gateway = true;
  EXPECT_EQ(convert_ingresses({}, {}, options).gateways.size(), 1u);
}

}  // namespace
}  // namespace lintel::conversion
