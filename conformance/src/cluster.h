#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "value.h"

namespace lintel::conformance {

struct ObjectRef {
  std::string group;  // "" for the core group
  std::string kind;
  std::string namespace_;
  std::string name;

  std::string to_string() const;  // "Kind ns/name"
  bool operator<(const ObjectRef& other) const {
    return std::tie(group, kind, namespace_, name) <
           std::tie(other.group, other.kind, other.namespace_, other.name);
  }
  bool operator==(const ObjectRef& other) const = default;
};

ObjectRef ref_of(const Value& object);
std::string group_of_api_version(const std::string& api_version);

// The API server of a cluster that is only a folder: every object the runner applies is kept
// here and written to its own file in the folder Lintel watches. Kinds a folder cannot run
// (Deployments, Pods: the runner's echo processes stand in for them) are kept, not written.
class Cluster {
 public:
  explicit Cluster(std::filesystem::path folder);

  // kubectl apply: creates, or replaces an object of the same kind, namespace and name.
  // Gateway API objects get metadata.generation, raised when anything but metadata changes.
  void apply(Value object);
  bool remove(const ObjectRef& ref);
  const Value* get(const ObjectRef& ref) const;
  std::vector<const Value*> list(const std::string& kind) const;

  // Writes a marker object Lintel reports as skipped, so that seeing its name in /status
  // proves every earlier write was read. Returns the name to look for.
  std::string write_sync_marker();

  const std::filesystem::path& folder() const { return folder_; }
  // The file an object is written to.
  std::filesystem::path file_of(const ObjectRef& ref) const;

 private:
  void write(const ObjectRef& ref, const Value& object);

  std::filesystem::path folder_;
  std::map<ObjectRef, Value> objects_;
  int marker_ = 0;
};

// Kinds the folder cannot run.
bool runs_only_in_a_cluster(const ObjectRef& ref);

}  // namespace lintel::conformance
