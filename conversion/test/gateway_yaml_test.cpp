// Golden tests for `lintel migrate`: testdata/migrate/NAME.in.yaml (Ingresses, IngressClasses,
// Services, the ingress-nginx ConfigMap) must convert to exactly NAME.out.yaml, with the
// migration report NAME.report.txt and NAME.report.json. LINTEL_UPDATE_GOLDEN=1 rewrites the
// outputs.
#include "lintel/conversion/gateway_yaml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lintel/api/decode.h"
#include "lintel/conversion/migration_report.h"
#include "lintel/support/yaml_writer.h"

namespace lintel::conversion {
namespace {

namespace fs = std::filesystem;
using support::yaml_scalar;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Migrated {
  std::string yaml;
  std::string report_text;
  std::string report_json;
};

Migrated migrate(const std::string& manifests, const ConversionOptions& options) {
  auto decoded = api::decode_manifests(manifests, "in.yaml");
  EXPECT_TRUE(decoded.errors.empty()) << decoded.errors[0].to_string();
  std::vector<const api::Ingress*> ingresses;
  std::vector<const api::IngressClass*> classes;
  std::vector<const api::Service*> services;
  std::vector<const api::ConfigMap*> config_maps;
  for (const auto& d : decoded.objects) {
    if (const auto* m = api::object_as<api::ConfigMap>(d.object)) config_maps.push_back(m);
    if (const auto* i = api::object_as<api::Ingress>(d.object)) ingresses.push_back(i);
    if (const auto* c = api::object_as<api::IngressClass>(d.object)) classes.push_back(c);
    if (const auto* s = api::object_as<api::Service>(d.object)) services.push_back(s);
  }
  auto result = convert_ingresses(ingresses, classes, services, options, config_maps);
  auto yaml = to_gateway_yaml(result);
  MigrationReportInput report{result, yaml, ingresses_left_alone(ingresses, result), std::nullopt};
  return {yaml.text, migration_report_text(report), migration_report_json(report)};
}

TEST(MigrateGolden, EveryCaseMatchesItsOutputAndParses) {
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(LINTEL_MIGRATE_TESTDATA)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == ".in.yaml")
      inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  ASSERT_GE(inputs.size(), 2u);
  for (const auto& input : inputs) {
    std::string name = input.filename().string();
    fs::path expected = input.parent_path() / (name.substr(0, name.size() - 8) + ".out.yaml");
    // A case named *per-namespace* runs with one Gateway per namespace.
    ConversionOptions options;
    options.gateway_per_namespace = name.find("per-namespace") != std::string::npos;
    Migrated migrated = migrate(read_file(input), options);
    const std::string& actual = migrated.yaml;
    std::string stem = name.substr(0, name.size() - 8);
    fs::path report_text = input.parent_path() / (stem + ".report.txt");
    fs::path report_json = input.parent_path() / (stem + ".report.json");
    if (std::getenv("LINTEL_UPDATE_GOLDEN")) {
      std::ofstream(expected, std::ios::binary) << actual;
      std::ofstream(report_text, std::ios::binary) << migrated.report_text;
      std::ofstream(report_json, std::ios::binary) << migrated.report_json;
      continue;
    }
    EXPECT_EQ(actual, read_file(expected)) << "golden mismatch for " << name;
    EXPECT_EQ(migrated.report_text, read_file(report_text)) << "golden mismatch for " << stem;
    EXPECT_EQ(migrated.report_json, read_file(report_json)) << "golden mismatch for " << stem;
    // The output is Gateway API that passes the strict decoder and every schema and CEL check,
    // except where the output itself says the user must finish it: a backendRef whose named
    // port could not be resolved has no port, which the API server refuses until it is set.
    auto reread = api::decode_manifests(actual, "out.yaml");
    size_t unfinished = 0;
    for (size_t at = actual.find("the backendRef has no port"); at != std::string::npos;
         at = actual.find("the backendRef has no port", at + 1))
      ++unfinished;
    EXPECT_EQ(reread.errors.size(), unfinished) << name;
    for (const auto& error : reread.errors) {
      EXPECT_NE(error.message.find("Must have port for Service reference"), std::string::npos)
          << name << ": " << error.to_string();
    }
    EXPECT_TRUE(reread.warnings.empty()) << name;
    EXPECT_EQ(actual.find("internal.lintel.io/"), std::string::npos) << name;
    EXPECT_EQ(actual.find("\nstatus:"), std::string::npos) << name;
    EXPECT_FALSE(reread.objects.empty()) << name;
    for (const auto& object : reread.objects) {
      EXPECT_TRUE(std::holds_alternative<api::SchemaObject>(object.object)) << name;
    }
  }
}

TEST(MigrateGolden, ApproximationsAreCountedOncePerFlag) {
  std::ifstream in(LINTEL_MIGRATE_TESTDATA "/named-ports-and-wildcards.in.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto decoded = api::decode_manifests(text.str(), "in.yaml");
  std::vector<const api::Ingress*> ingresses;
  for (const auto& d : decoded.objects) {
    if (const auto* i = api::object_as<api::Ingress>(d.object)) ingresses.push_back(i);
  }
  auto output = to_gateway_yaml(convert_ingresses(ingresses, {}, {}, ConversionOptions{}));
  // The resource backend, the widened wildcard, and both named ports (no Service is known).
  EXPECT_EQ(output.approximations.size(), 4u);
  EXPECT_TRUE(to_gateway_yaml(ConversionResult{}).approximations.empty());
}

TEST(YamlScalar, QuotesOnlyWhatPlainStyleWouldMisread) {
  EXPECT_EQ(yaml_scalar("alpaca.example.com"), "alpaca.example.com");
  EXPECT_EQ(yaml_scalar("/a/"), "/a/");
  EXPECT_EQ(yaml_scalar("*.example.com"), "\"*.example.com\"");
  EXPECT_EQ(yaml_scalar("true"), "\"true\"");
  EXPECT_EQ(yaml_scalar("No"), "\"No\"");
  EXPECT_EQ(yaml_scalar("8080"), "\"8080\"");
  EXPECT_EQ(yaml_scalar("1e3"), "\"1e3\"");
  EXPECT_EQ(yaml_scalar(""), "\"\"");
  EXPECT_EQ(yaml_scalar("a: b"), "\"a: b\"");
  EXPECT_EQ(yaml_scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
  EXPECT_EQ(yaml_scalar("- item"), "\"- item\"");
}

}  // namespace
}  // namespace lintel::conversion
