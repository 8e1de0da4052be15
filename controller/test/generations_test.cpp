// Standalone mode keeps metadata.generation as the API server would: 1 when first seen, bumped
// by a spec change only.
#include "lintel/controller/generations.h"

#include <gtest/gtest.h>

#include "lintel/api/decode.h"
#include "lintel/gateway/v1/http_route.pb.h"

namespace lintel::controller {
namespace {

std::vector<ObjectPtr> decode(const std::string& text) {
  api::DecodeResult result = api::decode_manifests(text, "test.yaml");
  EXPECT_TRUE(result.errors.empty()) << result.errors[0].to_string();
  std::vector<ObjectPtr> out;
  for (auto& decoded : result.objects)
    out.push_back(std::make_shared<const api::Object>(std::move(decoded.object)));
  return out;
}

std::string route(const std::string& labels, const std::string& hostname) {
  return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: app, "
         "labels: {" +
         labels + "}}\nspec:\n  hostnames: [" + hostname +
         "]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: app}\nspec: {ports: [{port: "
         "80}]}\n";
}

std::int64_t generation_of(const ObjectPtr& object) {
  const auto& schema_object = std::get<api::SchemaObject>(*object);
  const auto* route = schema_object.as<gateway::v1::HTTPRoute>();
  EXPECT_EQ(route->metadata().generation(), schema_object.metadata.generation);
  return schema_object.metadata.generation;
}

TEST(Generations, FirstSeenIsOne) {
  Generations generations;
  auto objects = generations.assign(decode(route("a: b", "a.example.com")));
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(generation_of(objects[0]), 1);
  EXPECT_EQ(api::meta_of(*objects[1]).generation, 0) << "only Gateway API objects get one";
}

TEST(Generations, SameInputGivesTheSameSharedObject) {
  Generations generations;
  auto input = decode(route("a: b", "a.example.com"));
  auto first = generations.assign(input);
  auto second = generations.assign(input);
  EXPECT_EQ(first[0], second[0]);
  EXPECT_EQ(first[1], second[1]);
}

TEST(Generations, BumpedBySpecChangesOnly) {
  Generations generations;
  generations.assign(decode(route("a: b", "a.example.com")));
  EXPECT_EQ(generation_of(generations.assign(decode(route("a: b", "a.example.com")))[0]), 1)
      << "decoded again, unchanged";
  EXPECT_EQ(generation_of(generations.assign(decode(route("a: c", "a.example.com")))[0]), 1)
      << "a label is metadata";
  EXPECT_EQ(generation_of(generations.assign(decode(route("a: c", "b.example.com")))[0]), 2);
  EXPECT_EQ(generation_of(generations.assign(decode(route("a: c", "b.example.com")))[0]), 2);
  EXPECT_EQ(generation_of(generations.assign(decode(route("a: c", "c.example.com")))[0]), 3);
}

TEST(Generations, ObjectThatDisappearedStartsAgain) {
  Generations generations;
  generations.assign(decode(route("a: b", "a.example.com")));
  generations.assign(decode(route("a: b", "b.example.com")));
  generations.assign({});
  EXPECT_EQ(generation_of(generations.assign(decode(route("a: b", "c.example.com")))[0]), 1);
}

TEST(Generations, ManifestGenerationIsKept) {
  Generations generations;
  auto objects = generations.assign(
      decode("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: app, "
             "generation: 7}\nspec: {hostnames: [a.example.com]}\n"));
  EXPECT_EQ(generation_of(objects[0]), 7);
}

std::string created_of(const ObjectPtr& object) {
  return std::get<api::SchemaObject>(*object)
      .as<gateway::v1::HTTPRoute>()
      ->metadata()
      .creation_timestamp();
}

TEST(Generations, CreationTimestampIsWhenFirstSeenAndStaysWithTheObject) {
  std::string now = "2026-01-01T00:00:00Z";
  Generations generations([&] { return now; });
  EXPECT_EQ(created_of(generations.assign(decode(route("a: b", "a.example.com")))[0]), now);
  now = "2026-01-01T00:05:00Z";
  EXPECT_EQ(created_of(generations.assign(decode(route("a: b", "b.example.com")))[0]),
            "2026-01-01T00:00:00Z")
      << "a spec change keeps the creation time";
  generations.assign({});
  EXPECT_EQ(created_of(generations.assign(decode(route("a: b", "a.example.com")))[0]),
            "2026-01-01T00:05:00Z")
      << "deleted and created again: a new object";
}

TEST(Generations, ACreationTimestampTheManifestStatesIsKept) {
  Generations generations([] { return std::string("2026-01-01T00:00:00Z"); });
  auto objects = generations.assign(
      decode("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: app, "
             "creationTimestamp: \"2020-05-05T05:05:05Z\"}\nspec: {}\n"));
  EXPECT_EQ(created_of(objects[0]), "2020-05-05T05:05:05Z");
}

}  // namespace
}  // namespace lintel::controller
