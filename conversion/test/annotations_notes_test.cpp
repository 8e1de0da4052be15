// Every ingress-nginx annotation, whatever its value, gets exactly one note and never stops the
// conversion.
#include <gtest/gtest.h>

#include "annotations/annotation_catalog.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::conversion {
namespace {

api::Ingress ingress_with(const std::string& annotation, const std::string& value) {
  api::Ingress out;
  out.mutable_metadata()->set_name("app");
  out.mutable_metadata()->set_namespace_("web");
  (*out.mutable_metadata()->mutable_annotations())[annotation] = value;
  auto* rule = out.mutable_spec()->add_rules();
  rule->set_host("app.example.com");
  for (const char* path : {"/", "/api/(v[0-9]+)/(.*)"}) {
    auto* added = rule->mutable_http()->add_paths();
    added->set_path(path);
    added->set_path_type("ImplementationSpecific");
    added->mutable_backend()->mutable_service()->set_name("app");
    added->mutable_backend()->mutable_service()->mutable_port()->set_number(80);
  }
  return out;
}

TEST(AnnotationNotes, EveryAnnotationAndValueGetsExactlyOneNote) {
  const std::vector<std::string> values = {
      "",      "true", "false", "0",         "-1", "100", "8m", "/$1", "/a(b", "https://x.example/",
      "a b\n", "\x01", "*",     "10.0.0.0/8"};
  std::vector<std::string> names;
  for (const auto& entry : annotations::annotation_catalog()) names.emplace_back(entry.name);
  names.emplace_back("not-an-annotation");
  for (const auto& name : names) {
    for (const auto& value : values) {
      std::string key = "nginx.ingress.kubernetes.io/" + name;
      api::Ingress ingress = ingress_with(key, value);
      auto result = convert_ingresses({&ingress}, {}, {}, ConversionOptions{});
      std::size_t notes = 0;
      for (const auto& note : result.notes) {
        if (note.field == "metadata.annotations[" + key + "]") ++notes;
      }
      EXPECT_EQ(notes, 1u) << key << "=\"" << value << "\"";
    }
  }
}

TEST(AnnotationNotes, OtherPrefixesAreNotRead) {
  api::Ingress ingress = ingress_with("example.com/rewrite-target", "/");
  auto result = convert_ingresses({&ingress}, {}, {}, ConversionOptions{});
  EXPECT_TRUE(result.notes.empty());
  ASSERT_EQ(result.http_routes.size(), 1u);
  EXPECT_EQ(result.http_routes[0].spec().rules(0).filters_size(), 0);
}

}  // namespace
}  // namespace lintel::conversion
