// The generated CRDs against upstream Gateway API's release bundles, structure only (see
// crd_compare.h for what is left out). Every difference is printed; the test passes only when
// there are none.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "crd_compare.h"
#include "crd_files.h"
#include "lintel/api/schema.h"

namespace lintel::crdgen::test {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<YAML::Node> generated_crds(const std::string& channel) {
  std::vector<YAML::Node> crds;
  for (const CrdFile& file : generate_crd_files(api::schema_kinds())) {
    if (file.path.rfind(channel + "/", 0) != 0) continue;
    std::vector<YAML::Node> parsed = load_crds(file.text);
    EXPECT_EQ(parsed.size(), 1u) << file.path << " does not hold exactly one CRD";
    crds.insert(crds.end(), parsed.begin(), parsed.end());
  }
  return crds;
}

void expect_upstream_structure(const std::string& channel, const std::string& bundle) {
  const fs::path path = fs::path(LINTEL_REFERENCE_DIR) / "gateway-api" / "crds" / bundle;
  // Without the reference data nothing is compared: that must not look like a pass.
  ASSERT_TRUE(fs::is_regular_file(path))
      << "upstream CRD bundle not found: " << path
      << " (the Gateway API reference data belongs in ../shared/reference next to the repository)";
  std::vector<YAML::Node> upstream = load_crds(read_file(path));
  ASSERT_FALSE(upstream.empty()) << "no CRDs in " << path;

  std::vector<std::string> differences = compare_crds(upstream, generated_crds(channel));
  for (const std::string& difference : differences)
    std::cout << channel << ": " << difference << "\n";
  EXPECT_TRUE(differences.empty())
      << differences.size() << " structural differences between " << bundle << " and the generated "
      << channel << " CRDs, listed above";
}

TEST(CrdStructure, StandardChannelMatchesUpstream) {
  expect_upstream_structure("standard", "standard-install.yaml");
}

TEST(CrdStructure, ExperimentalChannelMatchesUpstream) {
  expect_upstream_structure("experimental", "experimental-install.yaml");
}

}  // namespace
}  // namespace lintel::crdgen::test
