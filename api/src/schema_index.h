#pragma once

#include <google/protobuf/descriptor.h>
#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lintel/openapi/v1/openapi.pb.h"
#include "yaml_tree.h"

// What the decoder, validator and encoder need to know about each schema message, worked out
// once from the descriptors and their options: the lookup by JSON name, compiled patterns, parsed
// defaults. Immutable after it is built, so any thread may read it.
namespace lintel::api::detail {

struct FieldInfo {
  const google::protobuf::FieldDescriptor* field = nullptr;
  const openapi::v1::FieldSchema* schema = nullptr;  // the field's options (empty when none)
  std::unique_ptr<re2::RE2> pattern;                 // compiled `pattern`, when there is one
  YamlNodePtr default_value;                         // parsed `default`, when there is one
  // For a list or map field: the bool that records it was written empty (FieldSchema.empty_of).
  const google::protobuf::FieldDescriptor* presence = nullptr;
};

struct MessageInfo {
  const google::protobuf::Descriptor* descriptor = nullptr;
  std::vector<FieldInfo> fields;  // declaration order
  std::unordered_map<std::string_view, const FieldInfo*> by_json_name;
};

struct KindInfo {
  const google::protobuf::Descriptor* descriptor = nullptr;
  const openapi::v1::KindSchema* schema = nullptr;
  std::string group;
};

class SchemaIndex {
 public:
  static const SchemaIndex& get();

  const MessageInfo& message(const google::protobuf::Descriptor* descriptor) const;
  // The kind served at apiVersion "group/version" (or "v1" for core), or null.
  const KindInfo* find_kind(std::string_view api_version, std::string_view kind) const;
  // Whether any kind is served in this group/version (for "no matches for kind" vs "no kind").
  bool serves_group_version(std::string_view api_version) const;
  const std::vector<KindInfo>& kinds() const { return kinds_; }

 private:
  SchemaIndex();
  void add_message(const google::protobuf::Descriptor* descriptor);

  std::unordered_map<const google::protobuf::Descriptor*, MessageInfo> messages_;
  std::vector<KindInfo> kinds_;
  // "gateway.networking.k8s.io/v1" + "/" + "HTTPRoute" -> kind
  std::unordered_map<std::string, const KindInfo*> by_api_version_kind_;
  std::unordered_map<std::string, bool> group_versions_;
};

// "gateway.networking.k8s.io/v1", or "v1" for the core group.
std::string api_version_of(std::string_view group, std::string_view version);

}  // namespace lintel::api::detail
