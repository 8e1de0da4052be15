#include "lintel/controller/manifest_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "lintel/gateway/v1/gateway_class.pb.h"
#include "temp_folder.h"

namespace lintel::controller {
namespace {

namespace fs = std::filesystem;

constexpr const char* kService =
    "apiVersion: v1\nkind: Service\nmetadata: {name: NAME}\nspec: {ports: [{port: 80}]}\n";

std::string service(const std::string& name) {
  std::string text = kService;
  text.replace(text.find("NAME"), 4, name);
  return text;
}

TEST(ListManifestFiles, FindsYamlAndJsonRecursivelyInOrderAndSkipsTheRest) {
  TempFolder folder;
  folder.write("b.yaml", "");
  folder.write("a/c.yml", "");
  folder.write("a/d.json", "");
  folder.write("notes.txt", "");
  folder.write(".hidden.yaml", "");
  folder.write("e.yaml~", "");
  folder.write("..data/f.yaml", "");
  std::vector<std::string> errors;
  auto files = list_manifest_files({folder.path(), folder.path() + "/nope"}, errors);
  std::vector<std::string> expected = {folder.path() + "/a/c.yml", folder.path() + "/a/d.json",
                                       folder.path() + "/b.yaml"};
  EXPECT_EQ(files, expected);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("/nope: no such file or directory"), std::string::npos);
}

TEST(ManifestSource, AFileWithAnErrorKeepsItsLastGoodObjects) {
  TempFolder folder;
  folder.write("a.yaml", service("alpha"));
  folder.write("b.yaml", service("beta"));
  ManifestSource source({folder.path()});
  auto first = source.load();
  EXPECT_TRUE(first.errors.empty());
  EXPECT_EQ(first.objects.size(), 2u);

  folder.write(
      "a.yaml",
      service("alpha") +
          "---\napiVersion: v1\nkind: Service\nmetadata: {name: gamma}\nspec:\n  colour: red\n");
  auto second = source.load();
  ASSERT_EQ(second.errors.size(), 1u);
  EXPECT_EQ(second.errors[0].document, 1);
  EXPECT_NE(second.errors[0].message.find("unknown field \"spec.colour\""), std::string::npos)
      << second.errors[0].message;
  EXPECT_EQ(second.kept_last_good, std::vector<std::string>{folder.path() + "/a.yaml"});
  ASSERT_EQ(second.objects.size(), 2u) << "a.yaml still serves alpha alone, b.yaml beta";

  fs::remove(folder.path() + "/a.yaml");
  auto third = source.load();
  EXPECT_TRUE(third.errors.empty());
  EXPECT_EQ(third.objects.size(), 1u) << "a deleted file takes its objects with it";
}

TEST(ManifestSource, AFileThatNeverLoadedContributesNothing) {
  TempFolder folder;
  folder.write("bad.yaml", "apiVersion: v1\nkind: service\nmetadata: {name: x}\n");
  ManifestSource source({folder.path()});
  auto load = source.load();
  EXPECT_EQ(load.errors.size(), 1u);
  EXPECT_TRUE(load.objects.empty());
  EXPECT_TRUE(load.kept_last_good.empty());
}

std::string gateway_class(const std::string& controller, const std::string& description) {
  return "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: "
         "edge}\nspec: {controllerName: " +
         controller + ", description: " + description + "}\n";
}

std::string controller_of(const ManifestLoad& load) {
  for (const auto& object : load.objects) {
    if (const auto* c = api::object_as<gateway::v1::GatewayClass>(*object))
      return c->spec().controller_name();
  }
  return "";
}

TEST(ManifestSource, AnUpdateThatBreaksATransitionRuleKeepsThePreviousObject) {
  TempFolder folder;
  folder.write("a.yaml", gateway_class("lintel.io/gateway-controller", "first"));
  ManifestSource source({folder.path()});
  ASSERT_TRUE(source.load().errors.empty());

  folder.write("a.yaml", service("web") + "---\n" + gateway_class("example.com/other", "second"));
  auto changed = source.load();
  ASSERT_EQ(changed.errors.size(), 1u);
  EXPECT_EQ(changed.errors[0].to_string(),
            folder.path() +
                "/a.yaml: document 1 (GatewayClass edge): The GatewayClass \"edge\" is invalid: "
                "spec.controllerName: Invalid value: \"string\": Value is immutable");
  EXPECT_EQ(controller_of(changed), "lintel.io/gateway-controller");
  EXPECT_EQ(changed.objects.size(), 2u) << "the rest of the file is taken";
  EXPECT_TRUE(changed.kept_last_good.empty());

  EXPECT_EQ(source.load().errors.size(), 1u) << "still refused while the file says so";
  EXPECT_EQ(controller_of(source.load()), "lintel.io/gateway-controller");

  folder.write("a.yaml", gateway_class("lintel.io/gateway-controller", "third"));
  auto fixed = source.load();
  EXPECT_TRUE(fixed.errors.empty());
  EXPECT_EQ(fixed.objects.size(), 1u);
}

TEST(ManifestWatcher, SeesAWriteInANewSubfolderAndWakesOnRequest) {
  TempFolder folder;
  ManifestWatcher watcher({folder.path()});
  ASSERT_TRUE(watcher.ok());
  EXPECT_FALSE(watcher.wait(std::chrono::milliseconds(20), std::chrono::milliseconds(5)));
  folder.write("sub/x.yaml", service("x"));
  EXPECT_TRUE(watcher.wait(std::chrono::milliseconds(2000), std::chrono::milliseconds(20)));
  folder.write("sub/y.yaml", service("y"));
  EXPECT_TRUE(watcher.wait(std::chrono::milliseconds(2000), std::chrono::milliseconds(20)))
      << "a folder created after start is watched too";
  std::thread waker([&] { watcher.wake(); });
  EXPECT_FALSE(watcher.wait(std::chrono::milliseconds(5000), std::chrono::milliseconds(5)));
  waker.join();
}

}  // namespace
}  // namespace lintel::controller
