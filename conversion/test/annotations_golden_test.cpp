// Golden tests for ingress-nginx annotations: testdata/annotations/NAME.in.yaml (Ingresses) must
// convert to exactly NAME.out.yaml: the YAML `lintel migrate` prints, then every note of the
// conversion as a comment (its kind, field and message), reviewed as text.
// LINTEL_UPDATE_GOLDEN=1 rewrites the outputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lintel/api/decode.h"
#include "lintel/conversion/gateway_yaml.h"

namespace lintel::conversion {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const char* kind_label(Outcome kind) {
  switch (kind) {
    case Outcome::converted:
      return "converted";
    case Outcome::approximated:
      return "approximated";
    case Outcome::unsupported:
      return "unsupported";
  }
  return "";
}

std::string convert(const std::string& manifests) {
  auto decoded = api::decode_manifests(manifests, "in.yaml");
  EXPECT_TRUE(decoded.errors.empty()) << decoded.errors[0].to_string();
  std::vector<const api::Ingress*> ingresses;
  for (const auto& d : decoded.objects)
    if (const auto* i = api::object_as<api::Ingress>(d.object)) ingresses.push_back(i);
  auto result = convert_ingresses(ingresses, {}, {}, ConversionOptions{});
  std::string out = to_gateway_yaml(result).text;
  out += "# --- notes (the migration report) ---\n";
  for (const auto& note : result.notes) {
    out += "# " + std::string(kind_label(note.outcome)) + ": " + note.ingress + " " + note.field +
           ": " + note.message + "\n";
  }
  return out;
}

TEST(AnnotationsGolden, EveryCaseMatchesItsOutputAndParses) {
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(LINTEL_ANNOTATIONS_TESTDATA)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 8 && name.substr(name.size() - 8) == ".in.yaml")
      inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  ASSERT_GE(inputs.size(), 10u);
  for (const auto& input : inputs) {
    std::string name = input.filename().string();
    fs::path expected = input.parent_path() / (name.substr(0, name.size() - 8) + ".out.yaml");
    std::string actual = convert(read_file(input));
    if (std::getenv("LINTEL_UPDATE_GOLDEN")) {
      std::ofstream(expected, std::ios::binary) << actual;
      continue;
    }
    EXPECT_EQ(actual, read_file(expected)) << "golden mismatch for " << name;
    // What `lintel migrate` writes passes the strict decoder and every schema and CEL check.
    auto reread = api::decode_manifests(actual, "out.yaml");
    for (const auto& error : reread.errors) ADD_FAILURE() << name << ": " << error.to_string();
    EXPECT_EQ(actual.find("internal.lintel.io/"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace lintel::conversion
