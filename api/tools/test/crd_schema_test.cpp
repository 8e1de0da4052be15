#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>

#include "crd_document.h"
#include "lintel/crdgentest/v1/widget.pb.h"
#include "yaml_emit.h"

namespace lintel::crdgen {
namespace {

namespace test_v1 = crdgentest::v1;

YAML::Node generated(const google::protobuf::Descriptor* kind, Channel channel) {
  return YAML::Load(emit_yaml(crd_document(kind, channel)));
}

YAML::Node widget_spec(Channel channel, int version = 0) {
  YAML::Node crd = generated(test_v1::Widget::descriptor(), channel);
  return crd["spec"]["versions"][version]["schema"]["openAPIV3Schema"]["properties"]["spec"];
}

std::vector<std::string> strings(const YAML::Node& list) {
  std::vector<std::string> result;
  for (const YAML::Node& item : list) result.push_back(item.Scalar());
  return result;
}

TEST(CrdDocument, NamesScopeAndVersions) {
  YAML::Node crd = generated(test_v1::Widget::descriptor(), Channel::kExperimental);
  EXPECT_EQ(crd["apiVersion"].Scalar(), "apiextensions.k8s.io/v1");
  EXPECT_EQ(crd["kind"].Scalar(), "CustomResourceDefinition");
  EXPECT_EQ(crd["metadata"]["name"].Scalar(), "widgets.test.lintel.dev");
  EXPECT_FALSE(crd["metadata"]["annotations"]);  // not a Gateway API group
  const YAML::Node spec = crd["spec"];
  EXPECT_EQ(spec["group"].Scalar(), "test.lintel.dev");
  EXPECT_EQ(spec["scope"].Scalar(), "Namespaced");
  EXPECT_EQ(spec["names"]["kind"].Scalar(), "Widget");
  EXPECT_EQ(spec["names"]["listKind"].Scalar(), "WidgetList");
  EXPECT_EQ(spec["names"]["plural"].Scalar(), "widgets");
  EXPECT_EQ(spec["names"]["singular"].Scalar(), "widget");
  EXPECT_EQ(strings(spec["names"]["shortNames"]), std::vector<std::string>{"wd"});
  EXPECT_EQ(strings(spec["names"]["categories"]), std::vector<std::string>{"lintel-test"});

  ASSERT_EQ(spec["versions"].size(), 2u);
  const YAML::Node v1 = spec["versions"][0];
  EXPECT_EQ(v1["name"].Scalar(), "v1");
  EXPECT_TRUE(v1["served"].as<bool>());
  EXPECT_TRUE(v1["storage"].as<bool>());
  EXPECT_FALSE(v1["deprecated"]);
  EXPECT_TRUE(v1["subresources"]["status"].IsMap());
  const YAML::Node alpha = spec["versions"][1];
  EXPECT_TRUE(alpha["served"].as<bool>());
  EXPECT_FALSE(alpha["storage"].as<bool>());
  EXPECT_TRUE(alpha["deprecated"].as<bool>());
  EXPECT_EQ(alpha["deprecationWarning"].Scalar(), "v1alpha1 is deprecated: use v1");
}

TEST(CrdDocument, StandardChannelDoesNotServeStandardNotServedVersions) {
  YAML::Node crd = generated(test_v1::Widget::descriptor(), Channel::kStandard);
  EXPECT_TRUE(crd["spec"]["versions"][0]["served"].as<bool>());
  EXPECT_FALSE(crd["spec"]["versions"][1]["served"].as<bool>());
}

TEST(CrdDocument, TopLevelSchema) {
  YAML::Node crd = generated(test_v1::Widget::descriptor(), Channel::kStandard);
  const YAML::Node schema = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"];
  EXPECT_EQ(schema["type"].Scalar(), "object");
  EXPECT_EQ(strings(schema["required"]), std::vector<std::string>{"spec"});
  EXPECT_EQ(strings(schema["properties"]["spec"]["required"]),
            (std::vector<std::string>{"hostnames", "rules"}));
  EXPECT_EQ(schema["properties"]["apiVersion"]["type"].Scalar(), "string");
  EXPECT_EQ(schema["properties"]["kind"]["type"].Scalar(), "string");
  EXPECT_EQ(schema["properties"]["metadata"].size(), 1u);
  EXPECT_EQ(schema["properties"]["metadata"]["type"].Scalar(), "object");
  EXPECT_EQ(schema["properties"]["status"]["properties"]["notes"]["type"].Scalar(), "array");
}

TEST(CrdDocument, GatewayApiGroupsCarryUpstreamsAnnotations) {
  YAML::Node crd = generated(test_v1::Gadget::descriptor(), Channel::kExperimental);
  const YAML::Node annotations = crd["metadata"]["annotations"];
  EXPECT_EQ(annotations["gateway.networking.k8s.io/channel"].Scalar(), "experimental");
  EXPECT_TRUE(annotations["gateway.networking.k8s.io/bundle-version"]);
  EXPECT_TRUE(annotations["api-approved.kubernetes.io"]);
  EXPECT_EQ(crd["spec"]["scope"].Scalar(), "Cluster");
  // No status field: no status subresource.
  EXPECT_TRUE(crd["spec"]["versions"][0]["subresources"].IsMap());
  EXPECT_EQ(crd["spec"]["versions"][0]["subresources"].size(), 0u);
}

TEST(CrdDocument, WhichChannelsHaveTheKind) {
  EXPECT_TRUE(has_crd(test_v1::Widget::descriptor(), Channel::kStandard));
  EXPECT_TRUE(has_crd(test_v1::Widget::descriptor(), Channel::kExperimental));
  EXPECT_FALSE(has_crd(test_v1::Gadget::descriptor(), Channel::kStandard));
  EXPECT_TRUE(has_crd(test_v1::Gadget::descriptor(), Channel::kExperimental));
  EXPECT_FALSE(has_crd(test_v1::Thing::descriptor(), Channel::kStandard));
  EXPECT_FALSE(has_crd(test_v1::Thing::descriptor(), Channel::kExperimental));
  EXPECT_THROW(has_crd(test_v1::Part::descriptor(), Channel::kStandard), std::invalid_argument);
}

TEST(CrdDocument, RejectsKindsThatCannotBeCrds) {
  EXPECT_THROW(crd_document(test_v1::SelfReferencing::descriptor(), Channel::kStandard),
               std::invalid_argument);
  EXPECT_THROW(crd_document(test_v1::NoStorage::descriptor(), Channel::kStandard),
               std::invalid_argument);
  EXPECT_THROW(crd_document(test_v1::BadDefault::descriptor(), Channel::kStandard),
               std::invalid_argument);
  EXPECT_THROW(crd_document(test_v1::UnknownOverride::descriptor(), Channel::kStandard),
               std::invalid_argument);
}

TEST(CrdSchema, ExperimentalFieldsOnlyInTheExperimentalChannel) {
  const YAML::Node standard = widget_spec(Channel::kStandard);
  EXPECT_FALSE(standard["properties"]["previewOnly"]);
  const YAML::Node standard_part = standard["properties"]["mainPart"];
  EXPECT_FALSE(standard_part["properties"]["preview"]);
  EXPECT_EQ(strings(standard_part["required"]), std::vector<std::string>{"name"});

  const YAML::Node experimental = widget_spec(Channel::kExperimental);
  EXPECT_EQ(experimental["properties"]["previewOnly"]["type"].Scalar(), "string");
  const YAML::Node experimental_part = experimental["properties"]["mainPart"];
  EXPECT_TRUE(experimental_part["properties"]["preview"]);
  EXPECT_EQ(strings(experimental_part["required"]), (std::vector<std::string>{"name", "preview"}));
}

TEST(CrdSchema, StandardEnumAndExperimentalPattern) {
  const YAML::Node standard = widget_spec(Channel::kStandard)["properties"]["filter"];
  EXPECT_EQ(strings(standard["enum"]), (std::vector<std::string>{"A", "B"}));
  EXPECT_FALSE(standard["pattern"]);
  const YAML::Node experimental = widget_spec(Channel::kExperimental)["properties"]["filter"];
  EXPECT_EQ(strings(experimental["enum"]), (std::vector<std::string>{"A", "B", "Preview"}));
  EXPECT_EQ(experimental["pattern"].Scalar(), "^[A-Z]");
}

TEST(CrdSchema, VersionOverridesApplyToTheirVersionOnly) {
  for (Channel channel : kChannels) {
    const YAML::Node v1 = widget_spec(channel, 0);
    EXPECT_EQ(v1["properties"]["rules"]["minItems"].as<int>(), 1);
    EXPECT_EQ(v1["properties"]["rules"]["maxItems"].as<int>(), 1);
    EXPECT_EQ(strings(v1["required"]), (std::vector<std::string>{"hostnames", "rules"}));

    const YAML::Node alpha = widget_spec(channel, 1);
    EXPECT_FALSE(alpha["properties"]["rules"]["minItems"]);
    EXPECT_EQ(alpha["properties"]["rules"]["maxItems"].as<int>(), 16);
    EXPECT_EQ(strings(alpha["required"]), std::vector<std::string>{"hostnames"});
  }
}

TEST(CrdSchema, ScalarTypes) {
  const YAML::Node properties = widget_spec(Channel::kStandard)["properties"];
  EXPECT_EQ(properties["big"]["type"].Scalar(), "integer");
  EXPECT_EQ(properties["big"]["format"].Scalar(), "int64");
  EXPECT_EQ(properties["big"]["minimum"].as<int>(), -5);
  EXPECT_EQ(properties["small"]["type"].Scalar(), "integer");
  EXPECT_FALSE(properties["small"]["format"]);
  EXPECT_EQ(properties["enabled"]["type"].Scalar(), "boolean");
  EXPECT_EQ(properties["blob"]["type"].Scalar(), "string");
  EXPECT_EQ(properties["blob"]["format"].Scalar(), "byte");
  EXPECT_EQ(properties["customJSON"]["type"].Scalar(), "string");
  EXPECT_EQ(properties["patternField"]["pattern"].Scalar(), "^[a-z]+: #x$");
  EXPECT_EQ(properties["patternField"]["maxLength"].as<int>(), 253);
}

TEST(CrdSchema, EnumsAndDefaultsKeepTheirJsonTypes) {
  const YAML::Node properties = widget_spec(Channel::kStandard)["properties"];
  const YAML::Node mode = properties["mode"];
  EXPECT_EQ(strings(mode["enum"]), (std::vector<std::string>{"True", "Off", "plain"}));
  EXPECT_EQ(mode["enum"][0].Tag(), "!");  // the string "True", not a bool
  EXPECT_EQ(mode["default"].Scalar(), "plain");
  EXPECT_EQ(properties["enabled"]["default"].Tag(), "?");
  EXPECT_TRUE(properties["enabled"]["default"].as<bool>());
  const YAML::Node ports = properties["ports"]["items"]["enum"];
  EXPECT_EQ(ports[0].Tag(), "?");
  EXPECT_EQ(ports[1].as<int>(), 443);
  const YAML::Node parts_default = properties["parts"]["default"];
  ASSERT_TRUE(parts_default.IsSequence());
  EXPECT_EQ(parts_default[0]["name"].Scalar(), "first");
  EXPECT_EQ(parts_default[0]["count"].as<int>(), 1);
}

TEST(CrdSchema, RepeatedScalarConstraintsGoOnItems) {
  const YAML::Node hostnames = widget_spec(Channel::kStandard)["properties"]["hostnames"];
  EXPECT_EQ(hostnames["type"].Scalar(), "array");
  EXPECT_EQ(hostnames["maxItems"].as<int>(), 16);
  EXPECT_EQ(hostnames["x-kubernetes-list-type"].Scalar(), "set");
  EXPECT_FALSE(hostnames["pattern"]);
  EXPECT_EQ(hostnames["items"]["type"].Scalar(), "string");
  EXPECT_EQ(hostnames["items"]["pattern"].Scalar(), "^[a-z.]+$");
  EXPECT_EQ(hostnames["items"]["maxLength"].as<int>(), 253);
  EXPECT_FALSE(hostnames["items"]["maxItems"]);
}

TEST(CrdSchema, RepeatedMessages) {
  const YAML::Node parts = widget_spec(Channel::kStandard)["properties"]["parts"];
  EXPECT_EQ(parts["type"].Scalar(), "array");
  EXPECT_EQ(parts["minItems"].as<int>(), 1);
  EXPECT_EQ(parts["maxItems"].as<int>(), 8);
  EXPECT_EQ(parts["x-kubernetes-list-type"].Scalar(), "map");
  EXPECT_EQ(strings(parts["x-kubernetes-list-map-keys"]), std::vector<std::string>{"name"});
  EXPECT_EQ(parts["items"]["type"].Scalar(), "object");
  EXPECT_EQ(parts["items"]["properties"]["count"]["maximum"].as<int>(), 9);
}

TEST(CrdSchema, MapsPutValueConstraintsOnAdditionalProperties) {
  const YAML::Node properties = widget_spec(Channel::kStandard)["properties"];
  const YAML::Node labels = properties["labels"];
  EXPECT_EQ(labels["type"].Scalar(), "object");
  EXPECT_EQ(labels["maxProperties"].as<int>(), 4);
  EXPECT_EQ(labels["additionalProperties"]["type"].Scalar(), "string");
  EXPECT_EQ(labels["additionalProperties"]["maxLength"].as<int>(), 63);
  EXPECT_FALSE(labels["maxLength"]);
  const YAML::Node by_name = properties["partsByName"]["additionalProperties"];
  EXPECT_EQ(by_name["type"].Scalar(), "object");
  EXPECT_EQ(strings(by_name["required"]), std::vector<std::string>{"name"});
}

TEST(CrdSchema, NestedMessagesOpaqueAndRawJson) {
  const YAML::Node properties = widget_spec(Channel::kStandard)["properties"];
  EXPECT_EQ(properties["mainPart"]["x-kubernetes-map-type"].Scalar(), "atomic");
  EXPECT_EQ(properties["mainPart"]["properties"]["name"]["minLength"].as<int>(), 1);
  EXPECT_EQ(properties["opaque"].size(), 1u);
  EXPECT_EQ(properties["opaque"]["type"].Scalar(), "object");
  EXPECT_EQ(properties["raw"].size(), 1u);
  EXPECT_TRUE(properties["raw"]["x-kubernetes-preserve-unknown-fields"].as<bool>());
}

TEST(CrdSchema, PropertiesAndKeysAreSorted) {
  std::string text = emit_yaml(crd_document(test_v1::Widget::descriptor(), Channel::kStandard));
  // Declaration order is mode, patternField, big, ...; controller-gen's order is alphabetical.
  EXPECT_LT(text.find("              big:"), text.find("              mode:"));
  EXPECT_LT(text.find("              mode:"), text.find("              patternField:"));
}

}  // namespace
}  // namespace lintel::crdgen
