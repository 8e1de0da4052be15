#include "lintel/conversion/ingress_to_gateway.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "lintel/api/decode.h"
#include "lintel/api/encode.h"
#include "lintel/conversion/internal_annotations.h"

namespace lintel::conversion {
namespace {

api::Ingress ingress(const std::string& name,
                     std::optional<std::string> class_name = std::nullopt) {
  api::Ingress out;
  out.mutable_metadata()->set_name(name);
  out.mutable_metadata()->set_namespace_("web");
  if (class_name) out.mutable_spec()->set_ingress_class_name(*class_name);
  auto* rule = out.mutable_spec()->add_rules();
  rule->set_host("*.example.com");
  auto add_path = [&](const char* path, const char* type, const char* port_name, int number) {
    auto* added = rule->mutable_http()->add_paths();
    added->set_path(path);
    added->set_path_type(type);
    auto* service = added->mutable_backend()->mutable_service();
    service->set_name("svc");
    if (*port_name) service->mutable_port()->set_name(port_name);
    if (number) service->mutable_port()->set_number(number);
  };
  add_path("/exact", "Exact", "", 80);
  add_path("/prefix/", "Prefix", "http", 0);
  add_path("/impl", "ImplementationSpecific", "", 80);
  return out;
}

api::IngressClass ingress_class(const std::string& name, const std::string& controller,
                                bool is_default = false) {
  api::IngressClass out;
  out.mutable_metadata()->set_name(name);
  out.mutable_spec()->set_controller(controller);
  if (is_default)
    (*out.mutable_metadata()->mutable_annotations())[api::kIsDefaultClassAnnotation] = "true";
  return out;
}

// Service web/svc with one TCP port 8080 of that name.
api::Service service_with_port(const std::string& port_name) {
  api::Service service;
  service.mutable_metadata()->set_name("svc");
  service.mutable_metadata()->set_namespace_("web");
  auto* port = service.mutable_spec()->add_ports();
  port->set_name(port_name);
  port->set_protocol("TCP");
  port->set_port(8080);
  return service;
}

TEST(IngressClassSelector, PrecedenceOfClassNameAnnotationAndDefault) {
  IngressClassSelector lintel_is_default({}, {});
  EXPECT_EQ(lintel_is_default.class_of(ingress("a")), "lintel");
  EXPECT_EQ(lintel_is_default.class_of(ingress("a", "lintel")), "lintel");
  EXPECT_EQ(lintel_is_default.class_of(ingress("a", "nginx")), std::nullopt);

  auto legacy = ingress("a");
  (*legacy.mutable_metadata()->mutable_annotations())[kLegacyClassAnnotation] = "lintel";
  EXPECT_EQ(lintel_is_default.class_of(legacy), "lintel");
  legacy.mutable_spec()->set_ingress_class_name("nginx");
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

TEST(IngressClassSelector, AnExplicitIngressClassClaimsAnotherControllersClass) {
  auto nginx = ingress_class("nginx", "k8s.io/ingress-nginx", true);
  ClassSelectionOptions options;
  options.ingress_class = "nginx";
  EXPECT_EQ(IngressClassSelector({&nginx}, options).class_of(ingress("a", "nginx")), std::nullopt)
      << "without --ingress-class, nginx's IngressClass keeps its Ingresses";
  options.claim_ingress_class = true;
  IngressClassSelector claimed({&nginx}, options);
  EXPECT_EQ(claimed.class_of(ingress("a", "nginx")), "nginx");
  EXPECT_EQ(claimed.class_of(ingress("a")), "nginx") << "and it is the default class";
  EXPECT_EQ(claimed.class_of(ingress("a", "other")), std::nullopt);
}

TEST(ConvertIngresses, OneSharedGatewayPerClassAndRoutesInTheIngressNamespace) {
  ConversionOptions options;
  options.http_port = 8080;
  auto b = ingress("b");
  auto a = ingress("a");
  auto result = convert_ingresses({&b, &a}, {}, {}, options);
  ASSERT_EQ(result.gateways.size(), 1u);
  const auto& gateway = result.gateways[0];
  EXPECT_EQ(gateway.metadata().namespace_(), kGatewayNamespace);
  EXPECT_EQ(gateway.spec().listeners(0).port(), 8080);
  EXPECT_EQ(gateway.spec().listeners(0).allowed_routes().namespaces().from(), "All");
  ASSERT_EQ(result.gateway_classes.size(), 1u);
  EXPECT_EQ(result.gateway_classes[0].spec().controller_name(), kGatewayControllerName);

  // b repeats a's host and paths: a is first by name, so b's paths are left out, each with a
  // note naming a.
  ASSERT_EQ(result.http_routes.size(), 1u);
  size_t b_notes = 0;
  for (const auto& note : result.notes) {
    if (note.ingress != "web/b") continue;
    ++b_notes;
    EXPECT_NE(note.message.find("is already routed by Ingress web/a"), std::string::npos)
        << note.message;
  }
  EXPECT_EQ(b_notes, 3u);
  const auto& route = result.http_routes[0];
  EXPECT_EQ(route.metadata().name(), "a-wildcard-example-com");
  EXPECT_EQ(route.metadata().namespace_(), "web");
  EXPECT_EQ(route.metadata().annotations().at(kWildcardsAnnotation), kSingleLabelWildcards);
  ASSERT_EQ(route.spec().hostnames_size(), 1);
  EXPECT_EQ(route.spec().hostnames(0), "*.example.com");
  EXPECT_EQ(route.spec().parent_refs(0).namespace_(), kGatewayNamespace);
  const auto& rules = route.spec().rules();
  ASSERT_EQ(rules.size(), 3);
  EXPECT_EQ(rules[0].matches(0).path().type(), "Exact");
  EXPECT_EQ(rules[1].matches(0).path().type(), "PathPrefix");
  EXPECT_EQ(rules[1].matches(0).path().value(), "/prefix/");
  EXPECT_FALSE(rules[1].backend_refs(0).has_port()) << "no Service names the port";
  EXPECT_EQ(rules[2].matches(0).path().type(), "PathPrefix")
      << "ImplementationSpecific is a prefix match in Lintel";
}

TEST(ConvertIngresses, NamedPortsResolveAgainstTheServices) {
  auto a = ingress("a");
  a.mutable_metadata()->set_creation_timestamp("2025-01-01T00:00:00Z");
  api::Service service = service_with_port("http");

  auto resolved = convert_ingresses({&a}, {}, {&service}, {});
  ASSERT_EQ(resolved.http_routes.size(), 1u);
  const auto& route = resolved.http_routes[0];
  EXPECT_EQ(route.spec().rules(1).backend_refs(0).port(), 8080);
  EXPECT_EQ(route.metadata().creation_timestamp(), "2025-01-01T00:00:00Z");
  EXPECT_TRUE(resolved.notes.empty());

  service.mutable_spec()->mutable_ports(0)->set_name("web");
  auto unresolved = convert_ingresses({&a}, {}, {&service}, {});
  EXPECT_FALSE(unresolved.http_routes[0].spec().rules(1).backend_refs(0).has_port());
  ASSERT_EQ(unresolved.notes.size(), 1u);
  EXPECT_EQ(unresolved.notes[0].field, "spec.rules[0].http.paths[1].backend.service.port.name");
  EXPECT_EQ(unresolved.notes[0].route, "web/a-wildcard-example-com");
  EXPECT_EQ(unresolved.notes[0].message,
            "Service web/svc has no port named \"http\" here; the backendRef has no port");
}

TEST(ConvertIngresses, DefaultGatewayExistsWithoutIngressesOnlyWhenAsked) {
  EXPECT_TRUE(convert_ingresses({}, {}, {}, {}).gateways.empty());
  ConversionOptions options;
  options.always_emit_default_gateway = true;
  EXPECT_EQ(convert_ingresses({}, {}, {}, options).gateways.size(), 1u);
}

// The converted objects are what the strict decoder makes of their own YAML: every default
// filled, nothing the schema or its CEL rules refuse.
template <typename T>
void expect_decodes_to_itself(const T& object) {
  std::string yaml = api::encode_yaml(object);
  auto decoded = api::decode_manifests(yaml, "converted.yaml");
  ASSERT_TRUE(decoded.errors.empty()) << decoded.errors[0].to_string() << "\n" << yaml;
  ASSERT_EQ(decoded.objects.size(), 1u);
  const T* message = std::get<api::SchemaObject>(decoded.objects[0].object).as<T>();
  ASSERT_NE(message, nullptr);
  std::string differences;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  EXPECT_TRUE(differencer.Compare(*message, object)) << differences << "\n" << yaml;
}

TEST(ConvertIngresses, ObjectsAreCompleteAsDecodedYamlWouldBe) {
  auto a = ingress("a");
  a.mutable_metadata()->set_creation_timestamp("2025-01-01T00:00:00Z");
  auto* default_service = a.mutable_spec()->mutable_default_backend()->mutable_service();
  default_service->set_name("svc");
  default_service->mutable_port()->set_number(80);
  api::Service service = service_with_port("http");
  auto result = convert_ingresses({&a}, {}, {&service}, {});
  ASSERT_EQ(result.http_routes.size(), 2u);
  for (const auto& gateway_class : result.gateway_classes) expect_decodes_to_itself(gateway_class);
  for (const auto& gateway : result.gateways) expect_decodes_to_itself(gateway);
  for (const auto& route : result.http_routes) expect_decodes_to_itself(route);
}

}  // namespace
}  // namespace lintel::conversion
