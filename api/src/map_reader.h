#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "yaml_tree.h"

namespace lintel::api::detail {

// Collects every problem of one object, so that all unknown fields are reported together as
// the API server does, instead of stopping at the first.
struct DecodeContext {
  std::string kind;  // "Ingress": Go names the struct in type errors
  std::vector<std::string> unknown_fields;
  std::vector<std::string> errors;

  bool failed() const { return !unknown_fields.empty() || !errors.empty(); }
  void type_error(const YamlNode& node, const std::string& path, const char* go_type);
};

// Reads one YAML mapping strictly: every key must be read (or explicitly ignored) before the
// reader is finished, and whatever was not is an unknown field. A field whose value is null is
// treated as absent, as Go's JSON decoder does.
class MapReader {
 public:
  // `path` is the field path of this mapping ("" for the object root, "spec.rules[0]").
  MapReader(const YamlNode& node, std::string path, DecodeContext& ctx);
  MapReader(const MapReader&) = delete;
  MapReader& operator=(const MapReader&) = delete;
  ~MapReader();

  bool has(const char* key) const;
  std::string field_path(const char* key) const;
  const std::string& path() const { return path_; }
  DecodeContext& context() { return ctx_; }

  void read(const char* key, std::string& out);
  void read(const char* key, std::optional<std::string>& out);
  void read(const char* key, std::int32_t& out);
  void read(const char* key, std::optional<std::int32_t>& out);
  void read(const char* key, std::int64_t& out);
  void read(const char* key, std::optional<bool>& out);
  void read(const char* key, std::map<std::string, std::string>& out);
  void read(const char* key, std::vector<std::string>& out);
  // Kubernetes IntOrString: a number lands in `number`, a string in `text`.
  void read_int_or_string(const char* key, std::optional<std::int32_t>& number, std::string& text);
  // A nested object: `read_object` is called with a reader of it when the key is present.
  bool object(const char* key, const std::function<void(MapReader&)>& read_object);
  // A list of objects.
  void list(const char* key, const std::function<void(MapReader&, size_t index)>& read_item);
  // A field Lintel accepts but does not keep (e.g. metadata.managedFields).
  void ignore(const char* key);

 private:
  const YamlNode* find(const char* key);

  const YamlNode& node_;
  std::string path_;
  DecodeContext& ctx_;
  std::set<std::string> read_;
};

}  // namespace lintel::api::detail
