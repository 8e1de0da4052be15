#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "value.h"

namespace lintel::conformance {

// One upstream ConformanceTest as cases.json describes it.
struct Case {
  std::string name;
  std::string description;
  std::string suite;  // "gateway" or "mesh"
  std::vector<std::string> features;
  std::vector<std::string> manifests;  // relative to <suite>/manifests
  bool provisional = false;
  std::map<std::string, std::string> profiles;  // profile name -> "core" | "extended"
  const Value* checks = nullptr;                // list, owned by Suite
};

struct Profile {
  std::string name;
  std::vector<std::string> core;
  std::vector<std::string> extended;
};

// The reference suite folder: cases.json, the profiles table of features.md, the manifests.
struct Suite {
  std::filesystem::path dir;
  std::string gateway_api_version;  // upstream tag, e.g. v1.6.1
  std::vector<Case> cases;
  std::vector<Profile> profiles;
  std::unique_ptr<Value> root;  // cases.json; Case::checks point into it

  const Profile* profile(std::string_view name) const;
  std::filesystem::path manifest_path(const std::string& relative) const {
    return dir / "manifests" / relative;
  }
};

bool load_suite(const std::filesystem::path& dir, Suite& out, std::string& error);

}  // namespace lintel::conformance
