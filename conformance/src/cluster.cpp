#include "cluster.h"

#include <fstream>
#include <system_error>

#include "yaml_emit.h"

namespace lintel::conformance {

namespace {

Value without_metadata(const Value& object) {
  Value copy = object;
  copy.erase("metadata");
  copy.erase("status");
  return copy;
}

}  // namespace

std::string group_of_api_version(const std::string& api_version) {
  const size_t slash = api_version.find('/');
  return slash == std::string::npos ? "" : api_version.substr(0, slash);
}

ObjectRef ref_of(const Value& object) {
  return {group_of_api_version(object.str("apiVersion")), object.str("kind"),
          object["metadata"].str("namespace"), object["metadata"].str("name")};
}

std::string ObjectRef::to_string() const {
  return kind + " " + (namespace_.empty() ? name : namespace_ + "/" + name);
}

bool runs_only_in_a_cluster(const ObjectRef& ref) {
  return (ref.group == "apps" && ref.kind == "Deployment") ||
         (ref.group.empty() && ref.kind == "Pod");
}

Cluster::Cluster(std::filesystem::path folder) : folder_(std::move(folder)) {
  std::filesystem::create_directories(folder_);
}

void Cluster::apply(Value object) {
  const ObjectRef ref = ref_of(object);
  if (ref.group == "gateway.networking.k8s.io") {
    long generation = 1;
    if (const Value* existing = get(ref)) {
      generation = (*existing)["metadata"]["generation"].as_long(1);
      if (!(without_metadata(*existing) == without_metadata(object))) ++generation;
    }
    object.find("metadata")->set("generation", Value::number(generation));
  }
  objects_[ref] = object;
  if (!runs_only_in_a_cluster(ref)) write(ref, object);
}

bool Cluster::remove(const ObjectRef& ref) {
  if (!objects_.erase(ref)) return false;
  std::error_code ignored;
  std::filesystem::remove(file_of(ref), ignored);
  return true;
}

const Value* Cluster::get(const ObjectRef& ref) const {
  auto found = objects_.find(ref);
  return found == objects_.end() ? nullptr : &found->second;
}

std::vector<const Value*> Cluster::list(const std::string& kind) const {
  std::vector<const Value*> out;
  for (const auto& [ref, object] : objects_) {
    if (ref.kind == kind) out.push_back(&object);
  }
  return out;
}

std::filesystem::path Cluster::file_of(const ObjectRef& ref) const {
  const std::string group = ref.group.empty() ? "core" : ref.group;
  const std::string ns = ref.namespace_.empty() ? "cluster" : ref.namespace_;
  return folder_ / (group + "_" + ref.kind + "_" + ns + "_" + ref.name + ".yaml");
}

void Cluster::write(const ObjectRef& ref, const Value& object) {
  const auto path = file_of(ref);
  // Written beside and renamed over, so Lintel never reads half a file; the temporary name
  // does not end in .yaml, so Lintel does not read it at all.
  const auto temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << emit_yaml(object);
  }
  std::filesystem::rename(temporary, path);
}

std::string Cluster::write_sync_marker() {
  const std::string name = "lintel-conformance-sync-" + std::to_string(++marker_);
  Value marker = Value::map();
  marker.set("apiVersion", Value::string("v1"));
  marker.set("kind", Value::string("ServiceAccount"));
  Value metadata = Value::map();
  metadata.set("name", Value::string(name));
  metadata.set("namespace", Value::string("default"));
  marker.set("metadata", std::move(metadata));
  const auto path = folder_ / "zz_sync_marker.yaml";
  const auto temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << emit_yaml(marker);
  }
  std::filesystem::rename(temporary, path);
  return name;
}

}  // namespace lintel::conformance
