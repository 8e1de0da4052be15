#include "schema_decode.h"

#include <google/protobuf/reflection.h>

#include <limits>
#include <optional>

#include "base64.h"
#include "field_path.h"
#include "lintel/support/json_text.h"
#include "scalar.h"
#include "schema_index.h"

namespace lintel::api::detail {

namespace {

namespace gp = google::protobuf;
using Type = gp::FieldDescriptor::CppType;

const char* json_type_name(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kBool:
      return "boolean";
    case JsonType::kNumber:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kObject:
      return "object";
    case JsonType::kArray:
      return "array";
  }
  return "value";
}

// `spec.port: Invalid value: "string": spec.port in body must be of type integer: "string"`,
// the API server's words for a CRD field of the wrong type.
FieldError type_error(const FieldPath& field_path, const YamlNode& node, const char* expected) {
  std::string path = field_path.str();
  std::string got = json_type_name(json_type(node));
  if (json_type(node) == JsonType::kNumber && std::string(expected) == "integer") got = "number";
  return FieldError{
      path, "Invalid value",
      "\"" + got + "\": " + path + " in body must be of type " + expected + ": \"" + got + "\""};
}

// The Go type a built-in kind's field has, as encoding/json names it in its errors.
std::string go_type(const gp::FieldDescriptor* field, bool element) {
  if (field->is_map()) return "map[string]string";
  if (field->is_repeated() && !element) return "[]" + go_type(field, true);
  if (field->options().GetExtension(openapi::v1::field).int_or_string())
    return "intstr.IntOrString";
  switch (field->cpp_type()) {
    case Type::CPPTYPE_MESSAGE:
      return "v1." + field->message_type()->name();
    case Type::CPPTYPE_BOOL:
      return "bool";
    case Type::CPPTYPE_INT32:
      return "int32";
    case Type::CPPTYPE_INT64:
      return "int64";
    default:
      return "string";
  }
}

class Decoder {
 public:
  Decoder(SchemaDecodeProblems& problems, std::string go_kind, bool standard_channel)
      : index_(SchemaIndex::get()),
        problems_(problems),
        go_kind_(std::move(go_kind)),
        standard_channel_(standard_channel) {}

  void default_of(gp::Message& out, const gp::FieldDescriptor* field) {
    const MessageInfo& info = index_.message(out.GetDescriptor());
    const FieldInfo& entry = info.fields.at(static_cast<size_t>(field->index()));
    FieldPath path{nullptr, field->json_name(), -1};
    if (entry.default_value) field_value(*entry.default_value, entry, out, path);
  }

  void message(const YamlNode& node, gp::Message& out, const FieldPath& path) {
    const MessageInfo& info = index_.message(out.GetDescriptor());
    report_duplicate_keys(node);
    const gp::Reflection* reflection = out.GetReflection();
    for (const auto& [key_node, value] : node.entries) {
      if (key_node->kind != YamlNode::Kind::kScalar) {
        problems_.unknown_fields.push_back(path.field("<non-scalar key>").str());
        continue;
      }
      auto it = info.by_json_name.find(key_node->scalar);
      if (it == info.by_json_name.end() || !in_channel(*it->second)) {
        problems_.unknown_fields.push_back(path.field(key_node->scalar).str());
        continue;
      }
      if (value->is_null()) continue;  // null is absent, as in Go's decoder
      field_value(*value, *it->second, out, path.field(key_node->scalar));
      bool empty_collection = (value->kind == YamlNode::Kind::kSequence && value->items.empty()) ||
                              (value->kind == YamlNode::Kind::kMapping && value->entries.empty());
      if (it->second->presence && empty_collection)
        reflection->SetBool(&out, it->second->presence, true);
    }
    for (const FieldInfo& entry : info.fields) {
      if (!entry.default_value || !in_channel(entry) || is_set(out, reflection, entry.field) ||
          (entry.presence && reflection->GetBool(out, entry.presence)))
        continue;
      field_value(*entry.default_value, entry, out, path.field(entry.field->json_name()));
    }
  }

 private:
  bool in_channel(const FieldInfo& entry) const {
    return !standard_channel_ || !entry.schema->experimental();
  }

  static bool is_set(const gp::Message& message, const gp::Reflection* reflection,
                     const gp::FieldDescriptor* field) {
    return field->is_repeated() ? reflection->FieldSize(message, field) > 0
                                : reflection->HasField(message, field);
  }

  void report_duplicate_keys(const YamlNode& node) {
    const auto& entries = node.entries;
    // Mappings are small: comparing pairs beats building a set.
    for (size_t i = 1; i < entries.size(); ++i) {
      const YamlNode& key = *entries[i].first;
      if (key.kind != YamlNode::Kind::kScalar) continue;
      for (size_t j = 0; j < i; ++j) {
        const YamlNode& earlier = *entries[j].first;
        if (earlier.kind != YamlNode::Kind::kScalar || earlier.scalar != key.scalar) continue;
        problems_.strict_errors.push_back(
            "yaml: unmarshal errors: line " + std::to_string(key.line) + ": mapping key \"" +
            key.scalar + "\" already defined at line " + std::to_string(earlier.line));
        break;
      }
    }
  }

  void field_value(const YamlNode& node, const FieldInfo& entry, gp::Message& out,
                   const FieldPath& path) {
    const gp::FieldDescriptor* field = entry.field;
    if (entry.schema->raw_json()) {
      out.GetReflection()->SetString(&out, field, to_compact_json(node));
      return;
    }
    if (field->is_map()) return map(node, entry, out, path);
    if (field->is_repeated()) {
      if (node.kind != YamlNode::Kind::kSequence)
        return wrong_type(path, node, "array", field, false);
      for (size_t i = 0; i < node.items.size(); ++i) {
        FieldPath item_path = path.item(static_cast<int>(i));
        const YamlNode& item = *node.items[i];
        if (item.is_null() && field->cpp_type() == Type::CPPTYPE_MESSAGE) {
          out.GetReflection()->AddMessage(&out, field);
          continue;
        }
        value(item, field, out, item_path, /*repeated=*/true);
      }
      return;
    }
    if (entry.schema->int_or_string()) return int_or_string(node, field, out, path);
    value(node, field, out, path, /*repeated=*/false);
  }

  // A built-in kind is decoded by the API server's Go types, whose type errors encoding/json
  // words; a custom resource's by its OpenAPI schema.
  void wrong_type(const FieldPath& path, const YamlNode& node, const char* expected,
                  const gp::FieldDescriptor* field, bool element) {
    if (go_kind_.empty()) return problems_.field_errors.push_back(type_error(path, node, expected));
    problems_.strict_errors.push_back("json: cannot unmarshal " +
                                      std::string(json_type_word(json_type(node))) +
                                      " into Go struct field " + go_kind_ + "." + path.str() +
                                      " of type " + go_type(field, element));
  }

  void int_or_string(const YamlNode& node, const gp::FieldDescriptor* field, gp::Message& out,
                     const FieldPath& path) {
    gp::Message* value = out.GetReflection()->MutableMessage(&out, field);
    const gp::Descriptor* type = value->GetDescriptor();
    JsonType json = json_type(node);
    std::optional<std::int64_t> number =
        json == JsonType::kNumber ? parse_int(node.scalar) : std::nullopt;
    if (number && *number >= std::numeric_limits<std::int32_t>::min() &&
        *number <= std::numeric_limits<std::int32_t>::max()) {
      return value->GetReflection()->SetInt32(value, type->field(0),
                                              static_cast<std::int32_t>(*number));
    }
    if (json == JsonType::kString)
      return value->GetReflection()->SetString(value, type->field(1), node.scalar);
    out.GetReflection()->ClearField(&out, field);
    wrong_type(path, node, "integer-or-string", field, false);
  }

  void map(const YamlNode& node, const FieldInfo& entry, gp::Message& out, const FieldPath& path) {
    if (node.kind != YamlNode::Kind::kMapping)
      return wrong_type(path, node, "object", entry.field, false);
    report_duplicate_keys(node);
    const gp::Descriptor* map_entry = entry.field->message_type();
    const gp::FieldDescriptor* key_field = map_entry->map_key();
    const gp::FieldDescriptor* value_field = map_entry->map_value();
    for (const auto& [key_node, value_node] : node.entries) {
      if (key_node->kind != YamlNode::Kind::kScalar) continue;
      FieldPath value_path = path.field(key_node->scalar);
      gp::Message* item = out.GetReflection()->AddMessage(&out, entry.field);
      item->GetReflection()->SetString(item, key_field, key_node->scalar);
      if (value_node->is_null()) continue;
      value(*value_node, value_field, *item, value_path, /*repeated=*/false);
    }
  }

  void value(const YamlNode& node, const gp::FieldDescriptor* field, gp::Message& out,
             const FieldPath& path, bool repeated) {
    const gp::Reflection* reflection = out.GetReflection();
    JsonType type = json_type(node);
    switch (field->cpp_type()) {
      case Type::CPPTYPE_MESSAGE: {
        if (type != JsonType::kObject) return wrong_type(path, node, "object", field, repeated);
        gp::Message* child = repeated ? reflection->AddMessage(&out, field)
                                      : reflection->MutableMessage(&out, field);
        return message(node, *child, path);
      }
      case Type::CPPTYPE_STRING: {
        if (type != JsonType::kString) return wrong_type(path, node, "string", field, repeated);
        std::string text = node.scalar;
        if (field->type() == gp::FieldDescriptor::TYPE_BYTES) {
          size_t bad_at = 0;
          auto bytes = decode_base64(text, bad_at);
          if (!bytes) {
            return problems_.field_errors.push_back(
                FieldError{path.str(), "Invalid value",
                           "illegal base64 data at input byte " + std::to_string(bad_at)});
          }
          text = std::move(*bytes);
        }
        return repeated ? reflection->AddString(&out, field, std::move(text))
                        : reflection->SetString(&out, field, std::move(text));
      }
      case Type::CPPTYPE_BOOL: {
        if (type != JsonType::kBool) return wrong_type(path, node, "boolean", field, repeated);
        bool flag = *parse_bool(node.scalar);
        return repeated ? reflection->AddBool(&out, field, flag)
                        : reflection->SetBool(&out, field, flag);
      }
      case Type::CPPTYPE_INT32:
      case Type::CPPTYPE_INT64: {
        std::optional<std::int64_t> number =
            type == JsonType::kNumber ? parse_int(node.scalar) : std::nullopt;
        if (!number) return wrong_type(path, node, "integer", field, repeated);
        if (field->cpp_type() == Type::CPPTYPE_INT32) {
          if (*number < std::numeric_limits<std::int32_t>::min() ||
              *number > std::numeric_limits<std::int32_t>::max()) {
            return problems_.field_errors.push_back(
                FieldError{path.str(), "Invalid value",
                           node.scalar + ": " + path.str() + " in body must be of type int32"});
          }
          auto narrow = static_cast<std::int32_t>(*number);
          return repeated ? reflection->AddInt32(&out, field, narrow)
                          : reflection->SetInt32(&out, field, narrow);
        }
        return repeated ? reflection->AddInt64(&out, field, *number)
                        : reflection->SetInt64(&out, field, *number);
      }
      default:
        return problems_.field_errors.push_back(FieldError{
            path.str(), "Internal error", "the schema has a field type Lintel cannot read"});
    }
  }

  const SchemaIndex& index_;
  SchemaDecodeProblems& problems_;
  std::string go_kind_;  // the built-in kind's name; empty for a custom resource
  bool standard_channel_;
};

void append_json(const YamlNode& node, std::string& out) {
  switch (json_type(node)) {
    case JsonType::kNull:
      out += "null";
      return;
    case JsonType::kBool:
      out += *parse_bool(node.scalar) ? "true" : "false";
      return;
    case JsonType::kNumber:
      out += node.scalar;
      return;
    case JsonType::kString:
      support::append_json_string(out, node.scalar);
      return;
    case JsonType::kArray:
      out += '[';
      for (size_t i = 0; i < node.items.size(); ++i) {
        if (i) out += ',';
        append_json(*node.items[i], out);
      }
      out += ']';
      return;
    case JsonType::kObject:
      out += '{';
      for (size_t i = 0; i < node.entries.size(); ++i) {
        if (i) out += ',';
        support::append_json_string(out, node.entries[i].first->scalar);
        out += ':';
        append_json(*node.entries[i].second, out);
      }
      out += '}';
      return;
  }
}

}  // namespace

void decode_schema_message(const YamlNode& node, gp::Message& message, const std::string& path,
                           SchemaDecodeProblems& problems, const std::string& go_kind,
                           bool standard_channel) {
  Decoder(problems, go_kind, standard_channel).message(node, message, FieldPath{nullptr, path, -1});
}

void apply_schema_default(gp::Message& message, const gp::FieldDescriptor* field) {
  SchemaDecodeProblems ignored;
  Decoder(ignored, "", false).default_of(message, field);
}

std::string to_compact_json(const YamlNode& node) {
  std::string out;
  append_json(node, out);
  return out;
}

}  // namespace lintel::api::detail
