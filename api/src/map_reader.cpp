#include "map_reader.h"

#include <limits>

#include "scalar.h"

namespace lintel::api::detail {

void DecodeContext::type_error(const YAML::Node& node, const std::string& path,
                               const char* go_type) {
  errors.push_back("json: cannot unmarshal " + std::string(json_type_word(json_type(node))) +
                   " into Go struct field " + kind + "." + path + " of type " + go_type);
}

MapReader::MapReader(const YAML::Node& node, std::string path, DecodeContext& ctx)
    : node_(node), path_(std::move(path)), ctx_(ctx) {
  // JSON forbids nothing here but Kubernetes' strict decoding does: a key given twice is an
  // error, not "last one wins".
  std::map<std::string, int> lines;
  for (const auto& item : node_) {
    if (!item.first.IsScalar()) continue;
    const std::string& key = item.first.Scalar();
    int line = item.first.Mark().line + 1;
    auto [it, inserted] = lines.emplace(key, line);
    if (!inserted) {
      ctx_.errors.push_back("yaml: unmarshal errors: line " + std::to_string(line) +
                            ": mapping key \"" + key + "\" already defined at line " +
                            std::to_string(it->second));
    }
  }
}

MapReader::~MapReader() {
  for (const auto& item : node_) {
    std::string key = item.first.IsScalar() ? item.first.Scalar() : std::string("<non-scalar key>");
    if (!read_.count(key)) ctx_.unknown_fields.push_back(path_.empty() ? key : path_ + "." + key);
  }
}

std::string MapReader::field_path(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

bool MapReader::has(const char* key) const {
  for (const auto& item : node_) {
    if (item.first.IsScalar() && item.first.Scalar() == key) {
      return json_type(item.second) != JsonType::kNull;
    }
  }
  return false;
}

std::optional<YAML::Node> MapReader::find(const char* key) {
  read_.insert(key);
  for (const auto& item : node_) {
    if (item.first.IsScalar() && item.first.Scalar() == key) {
      if (json_type(item.second) == JsonType::kNull) return std::nullopt;
      return item.second;
    }
  }
  return std::nullopt;
}

void MapReader::read(const char* key, std::string& out) {
  std::optional<YAML::Node> node = find(key);
  if (!node) return;
  if (json_type(*node) != JsonType::kString) return ctx_.type_error(*node, field_path(key), "string");
  out = node->Scalar();
}

void MapReader::read(const char* key, std::optional<std::string>& out) {
  std::optional<YAML::Node> node = find(key);
  if (!node) return;
  if (json_type(*node) != JsonType::kString) return ctx_.type_error(*node, field_path(key), "string");
  out = node->Scalar();
}

namespace {

std::optional<std::int64_t> integer_of(const YAML::Node& node) {
  if (json_type(node) != JsonType::kNumber) return std::nullopt;
  return parse_int(node.Scalar());
}

}  // namespace

void MapReader::read(const char* key, std::int32_t& out) {
  std::optional<std::int32_t> value;
  read(key, value);
  if (value) out = *value;
}

void MapReader::read(const char* key, std::optional<std::int32_t>& out) {
  std::optional<YAML::Node> node = find(key);
  if (!node) return;
  auto value = integer_of(*node);
  if (!value || *value < std::numeric_limits<std::int32_t>::min() ||
      *value > std::numeric_limits<std::int32_t>::max()) {
    return ctx_.type_error(*node, field_path(key), "int32");
  }
  out = static_cast<std::int32_t>(*value);
}

void MapReader::read(const char* key, std::int64_t& out) {
  std::optional<YAML::Node> node = find(key);
  if (!node) return;
  auto value = integer_of(*node);
  if (!value) return ctx_.type_error(*node, field_path(key), "int64");
  out = *value;
}

void MapReader::read(const char* key, std::optional<bool>& out) {
  std::optional<YAML::Node> node = find(key);
  if (!node) return;
  if (json_type(*node) != JsonType::kBool) return ctx_.type_error(*node, field_path(key), "bool");
  out = parse_bool(node->Scalar());
}

void MapReader::read(const char* key, std::map<std::string, std::string>& out) {
  std::optional<YAML::Node> found = find(key);
  if (!found) return;
  YAML::Node node = *found;
  std::string path = field_path(key);
  if (!node.IsMap()) return ctx_.type_error(node, path, "map[string]string");
  for (const auto& item : node) {
    const std::string name = item.first.Scalar();
    if (json_type(item.second) != JsonType::kString) {
      ctx_.type_error(item.second, path + "." + name, "string");
      continue;
    }
    out[name] = item.second.Scalar();
  }
}

void MapReader::read(const char* key, std::vector<std::string>& out) {
  std::optional<YAML::Node> found = find(key);
  if (!found) return;
  YAML::Node node = *found;
  std::string path = field_path(key);
  if (!node.IsSequence()) return ctx_.type_error(node, path, "[]string");
  for (size_t i = 0; i < node.size(); ++i) {
    if (json_type(node[i]) != JsonType::kString) {
      ctx_.type_error(node[i], path + "[" + std::to_string(i) + "]", "string");
      continue;
    }
    out.push_back(node[i].Scalar());
  }
}

void MapReader::read_int_or_string(const char* key, std::optional<std::int32_t>& number,
                                   std::string& text) {
  std::optional<YAML::Node> node = find(key);
  if (!node) return;
  switch (json_type(*node)) {
    case JsonType::kString:
      text = node->Scalar();
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
  std::optional<YAML::Node> found = find(key);
  if (!found) return false;
  YAML::Node node = *found;
  std::string path = field_path(key);
  if (!node.IsMap()) {
    ctx_.type_error(node, path, "object");
    return false;
  }
  MapReader reader(node, path, ctx_);
  read_object(reader);
  return true;
}

void MapReader::list(const char* key,
                     const std::function<void(MapReader&, size_t index)>& read_item) {
  std::optional<YAML::Node> found = find(key);
  if (!found) return;
  YAML::Node node = *found;
  std::string path = field_path(key);
  if (!node.IsSequence()) return ctx_.type_error(node, path, "array");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    YAML::Node item = node[i];
    if (!item.IsMap()) {
      ctx_.type_error(item, item_path, "object");
      continue;
    }
    MapReader reader(item, item_path, ctx_);
    read_item(reader, i);
  }
}

void MapReader::ignore(const char* key) { read_.insert(key); }

}  // namespace lintel::api::detail
