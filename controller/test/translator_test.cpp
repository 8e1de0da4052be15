// Golden tests for the pure core, manifests to snapshot: every testdata/translate/NAME.in.yaml
// is decoded, its Ingresses converted and the result translated; the conversion notes and the
// snapshot (as JSON) must equal NAME.out. Run with LINTEL_UPDATE_GOLDEN=1 to rewrite the .out
// files, then review them as diffs.
#include "lintel/controller/translator.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "lintel/api/decode.h"
#include "lintel/controller/object_store.h"
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

std::string snapshot_json(const snapshot::v1::Snapshot& snapshot) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(snapshot, &json, options).ok());
  return json;
}

// The whole pure pipeline, as `lintel run` drives it. `shuffle` reorders the input objects to
// prove that the output does not depend on their order.
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
  auto converted =
      conversion::convert_ingresses(ingresses, store.list<api::IngressClass>(), options);
  for (const auto& note : converted.notes) {
    out += "# conversion note: " + note.ingress + " " + note.field + ": " + note.message + "\n";
  }
  TranslatorInput input;
  for (const auto& c : converted.gateway_classes) input.gateway_classes.push_back(&c);
  for (const auto& g : converted.gateways) input.gateways.push_back(&g);
  for (const auto& r : converted.http_routes) input.http_routes.push_back(&r);
  input.services = store.list<api::Service>();
  input.endpoint_slices = store.list<api::EndpointSlice>();
  if (shuffle) {
    std::shuffle(input.http_routes.begin(), input.http_routes.end(), std::mt19937(shuffle));
    std::shuffle(input.services.begin(), input.services.end(), std::mt19937(shuffle));
  }
  return out + snapshot_json(translate(input, TranslatorOptions{}));
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

TEST(Translator, AnUnresolvedBackendRefKeepsItsShareAsAnEmptyCluster) {
  api::GatewayClass gateway_class;
  gateway_class.metadata.name = "lintel";
  gateway_class.controller_name = "lintel.io/gateway-controller";
  api::Gateway gateway;
  gateway.metadata.name = "gw";
  gateway.metadata.namespace_ = "default";
  gateway.gateway_class_name = "lintel";
  gateway.listeners.push_back(api::Listener{"http", std::nullopt, 80, "HTTP", {}});
  api::Service service;
  service.metadata.name = "web";
  service.metadata.namespace_ = "default";
  service.ports.push_back({"http", "TCP", 80, std::nullopt, "", ""});
  api::HTTPRoute route;
  route.metadata.name = "split";
  route.metadata.namespace_ = "default";
  api::ParentReference parent;
  parent.name = "gw";
  route.parent_refs.push_back(parent);
  api::HTTPRouteRule rule;
  api::HTTPBackendRef web, missing;
  web.name = "web";
  web.port = 80;
  web.weight = 3;
  missing.name = "missing";
  missing.port = 80;
  missing.weight = 1;
  rule.backend_refs = {web, missing};
  route.rules.push_back(rule);

  TranslatorInput input{{&gateway_class}, {&gateway}, {&route}, {&service}, {}};
  auto snapshot = translate(input, TranslatorOptions{});
  ASSERT_EQ(snapshot.listeners_size(), 1);
  const auto& forward = snapshot.listeners(0).virtual_hosts(0).routes(0).forward();
  ASSERT_EQ(forward.clusters_size(), 2);
  EXPECT_EQ(forward.clusters(0).cluster(), "default/web:80");
  EXPECT_EQ(forward.clusters(0).weight(), 3u);
  EXPECT_EQ(forward.clusters(1).cluster(), "");
  EXPECT_EQ(forward.clusters(1).weight(), 1u);
}

}  // namespace
}  // namespace lintel::controller
