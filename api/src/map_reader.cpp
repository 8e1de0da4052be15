#include "map_reader.h"

#include <limits>

#include "scalar.h"

namespace lintel::api::detail {

void DecodeContext::type_error(const YamlNode& node, const std::string& path, const char* go_type) {
  errors.push_back("json: cannot unmarshal " + std::string(json_type_word(json_type(node))) +
                   " into Go struct field " + kind + "." + path + " of type " + go_type);
}

MapReader::MapReader(const YamlNode& node, std::string path, DecodeContext& ctx)
    : node_(node), path_(std::move(path)), ctx_(ctx) {
  // JSON forbids nothing here but Kubernetes' strict decoding does: a key given twice is an
  // error, not "last one wins".
  std::map<std::string, int> lines;
  for (const auto& [key_node, value] : node_.entries) {
    if (key_node->kind != YamlNode::Kind::kScalar) continue;
    const std::string& key = key_node->scalar;
    int line = key_node->line;
    auto [it, inserted] = lines.emplace(key, line);
    if (!inserted) {
      ctx_.errors.push_back("yaml: unmarshal errors: line " + std::to_string(line) +
                            ": mapping key \"" + key + "\" already defined at line " +
                            std::to_string(it->second));
    }
  }
}

MapReader::~MapReader() {
  for (const auto& [key_node, value] : node_.entries) {
    std::string key = key_node->kind == YamlNode::Kind::kScalar ? key_node->scalar
                                                                : std::string("<non-scalar key>");
    if (!read_.count(key)) ctx_.unknown_fields.push_back(path_.empty() ? key : path_ + "." + key);
  }
}

std::string MapReader::field_path(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

bool MapReader::has(const char* key) const {
  for (const auto& [key_node, value] : node_.entries) {
    if (key_node->kind == YamlNode::Kind::kScalar && key_node->scalar == key)
      return !value->is_null();
  }
  return false;
}

const YamlNode* MapReader::find(const char* key) {
  read_.insert(key);
  for (const auto& [key_node, value] : node_.entries) {
    if (key_node->kind == YamlNode::Kind::kScalar && key_node->scalar == key) {
      return value->is_null() ? nullptr : value.get();
    }
  }
  return nullptr;
}

void MapReader::read(const char* key, std::string& out) {
  const YamlNode* node = find(key);
  if (!node) return;
  if (json_type(*node) != JsonType::kString)
    return ctx_.type_error(*node, field_path(key), "string");
  out = node->scalar;
}

void MapReader::read(const char* key, std::optional<std::string>& out) {
  const YamlNode* node = find(key);
  if (!node) return;
  if (json_type(*node) != JsonType::kString)
    return ctx_.type_error(*node, field_path(key), "string");
  out = node->scalar;
}

namespace {

std::optional<std::int64_t> integer_of(const YamlNode& node) {
  if (json_type(node) != JsonType::kNumber) return std::nullopt;
  return parse_int(node.scalar);
}

}  // namespace

void MapReader::read(const char* key, std::int32_t& out) {
  std::optional<std::int32_t> value;
  read(key, value);
  if (value) out = *value;
}

void MapReader::read(const char* key, std::optional<std::int32_t>& out) {
  const YamlNode* node = find(key);
  if (!node) return;
  auto value = integer_of(*node);
  if (!value || *value < std::numeric_limits<std::int32_t>::min() ||
      *value > std::numeric_limits<std::int32_t>::max()) {
    return ctx_.type_error(*node, field_path(key), "int32");
  }
  out = static_cast<std::int32_t>(*value);
}

void MapReader::read(const char* key, std::int64_t& out) {
  const YamlNode* node = find(key);
  if (!node) return;
  auto value = integer_of(*node);
  if (!value) return ctx_.type_error(*node, field_path(key), "int64");
  out = *value;
}

void MapReader::read(const char* key, std::optional<bool>& out) {
  const YamlNode* node = find(key);
  if (!node) return;
  if (json_type(*node) != JsonType::kBool) return ctx_.type_error(*node, field_path(key), "bool");
  out = parse_bool(node->scalar);
}

void MapReader::read(const char* key, std::map<std::string, std::string>& out) {
  const YamlNode* found = find(key);
  if (!found) return;
  const YamlNode& node = *found;
  std::string path = field_path(key);
  if (node.kind != YamlNode::Kind::kMapping)
    return ctx_.type_error(node, path, "map[string]string");
  for (const auto& [key_node, value] : node.entries) {
    const std::string& name = key_node->scalar;
    if (json_type(*value) != JsonType::kString) {
      ctx_.type_error(*value, path + "." + name, "string");
      continue;
    }
    out[name] = value->scalar;
  }
}

void MapReader::read(const char* key, std::vector<std::string>& out) {
  const YamlNode* found = find(key);
  if (!found) return;
  const YamlNode& node = *found;
  std::string path = field_path(key);
  if (node.kind != YamlNode::Kind::kSequence) return ctx_.type_error(node, path, "[]string");
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (json_type(*node.items[i]) != JsonType::kString) {
      ctx_.type_error(*node.items[i], path + "[" + std::to_string(i) + "]", "string");
      continue;
    }
    out.push_back(node.items[i]->scalar);
  }
}

void MapReader::read_int_or_string(const char* key, std::optional<std::int32_t>& number,
                                   std::string& text) {
  const YamlNode* node = find(key);
  if (!node) return;
  switch (json_type(*node)) {
    case JsonType::kString:
      text = node->scalar;
      return;
    case JsonType::kNumber:
      if (auto value = integer_of(*node);
          value && *value >= 0 && *value <= std::numeric_limits<std::int32_t>::max()) {
        number = static_cast<std::int32_t>(*value);
        return;
      }
      [[fallthrough]];
    default:
      ctx_.type_error(*node, field_path(key), "intstr.IntOrString");
  }
}

bool MapReader::object(const char* key, const std::function<void(MapReader&)>& read_object) {
  const YamlNode* found = find(key);
  if (!found) return false;
  const YamlNode& node = *found;
  std::string path = field_path(key);
  if (node.kind != YamlNode::Kind::kMapping) {
    ctx_.type_error(node, path, "object");
    return false;
  }
  MapReader reader(node, path, ctx_);
  read_object(reader);
  return true;
}

void MapReader::list(const char* key,
                     const std::function<void(MapReader&, size_t index)>& read_item) {
  const YamlNode* found = find(key);
  if (!found) return;
  const YamlNode& node = *found;
  std::string path = field_path(key);
  if (node.kind != YamlNode::Kind::kSequence) return ctx_.type_error(node, path, "array");
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    const YamlNode& item = *node.items[i];
    if (item.kind != YamlNode::Kind::kMapping) {
      ctx_.type_error(item, item_path, "object");
      continue;
    }
    MapReader reader(item, item_path, ctx_);
    read_item(reader, i);
  }
}

void MapReader::ignore(const char* key) {
  read_.insert(key);
}

}  // namespace lintel::api::detail
