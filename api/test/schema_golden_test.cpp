// Golden files for the schema kinds: each testdata/schema/NAME.in.yaml is decoded, and
// NAME.out holds what a user sees — every error exactly as worded, and every object that decoded,
// encoded back to YAML with its defaults; a case file that says so also gives NAME.standard.out,
// as decoded against the standard channel's CRDs. Every object must also round-trip: decoding its
// YAML and its JSON encoding again gives byte-identical text. LINTEL_UPDATE_GOLDEN=1 rewrites .out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lintel/api/decode.h"
#include "lintel/api/encode.h"

namespace lintel::api {
namespace {

namespace fs = std::filesystem;

// A case file that starts so is decoded against each channel's CRDs.
constexpr std::string_view kBothChannels = "# channels: both";

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const SchemaObject* only_schema_object(const DecodeResult& result) {
  if (result.objects.size() != 1 || !result.errors.empty()) return nullptr;
  return std::get_if<SchemaObject>(&result.objects[0].object);
}

std::string render(const DecodeResult& result) {
  std::string out;
  for (const auto& error : result.errors) out += "error: " + error.to_string() + "\n";
  for (const auto& warning : result.warnings) out += "warning: " + warning.to_string() + "\n";
  for (const auto& decoded : result.objects) {
    const auto* object = std::get_if<SchemaObject>(&decoded.object);
    if (!object) continue;
    out += "---\n" + encode_yaml(*object->message);
  }
  return out;
}

void expect_round_trip(const SchemaObject& object, const std::string& where, Channel channel) {
  std::string yaml = encode_yaml(*object.message);
  auto again = decode_manifests(yaml, "round-trip.yaml", channel);
  const SchemaObject* decoded = only_schema_object(again);
  ASSERT_NE(decoded, nullptr) << where << ": re-decoding failed:\n" << render(again) << yaml;
  EXPECT_EQ(encode_yaml(*decoded->message), yaml) << where;
  EXPECT_TRUE(*decoded == object) << where;

  std::string json = encode_json(*object.message);
  auto from_json = decode_manifests(json, "round-trip.json", channel);
  const SchemaObject* decoded_json = only_schema_object(from_json);
  ASSERT_NE(decoded_json, nullptr) << where << ": JSON re-decoding failed:\n"
                                   << render(from_json) << json;
  EXPECT_EQ(encode_json(*decoded_json->message), json) << where;
}

TEST(SchemaGolden, EveryCase) {
  fs::path dir = fs::path(LINTEL_API_TESTDATA) / "schema";
  bool update = std::getenv("LINTEL_UPDATE_GOLDEN") != nullptr;
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".in.yaml")) continue;
    ++cases;
    std::string stem = name.substr(0, name.size() - std::string(".in.yaml").size());
    std::string text = read_file(entry.path());
    auto check = [&](Channel channel, const std::string& suffix) {
      auto result = decode_manifests(text, name, channel);
      std::string actual = render(result);
      fs::path golden = dir / (stem + suffix);
      if (update) {
        std::ofstream(golden) << actual;
      } else {
        EXPECT_EQ(read_file(golden), actual) << "golden file " << golden;
      }
      for (const auto& decoded : result.objects) {
        if (const auto* object = std::get_if<SchemaObject>(&decoded.object))
          expect_round_trip(*object, name + " document " + std::to_string(decoded.document),
                            channel);
      }
    };
    check(Channel::kExperimental, ".out");
    if (text.starts_with(kBothChannels)) check(Channel::kStandard, ".standard.out");
  }
  EXPECT_GT(cases, 0);
}

}  // namespace
}  // namespace lintel::api
