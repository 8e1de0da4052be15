#include "schema_validate.h"

#include <cctype>
#include <set>

#include "field_path.h"
#include "lintel/support/json_text.h"
#include "schema_index.h"

namespace lintel::api::detail {

namespace {

namespace gp = google::protobuf;
using Type = gp::FieldDescriptor::CppType;

std::string quoted(const std::string& value) {
  std::string out;
  support::append_json_string(out, value);
  return out;
}

size_t rune_count(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

class Validator {
 public:
  Validator(const std::string& version, bool standard_channel, std::vector<FieldError>& errors)
      : version_(version), standard_channel_(standard_channel), errors_(errors) {}

  void message(const gp::Message& message, const FieldPath& path) {
    const MessageInfo& info = SchemaIndex::get().message(message.GetDescriptor());
    const gp::Reflection* reflection = message.GetReflection();
    for (const FieldInfo& entry : info.fields) {
      const gp::FieldDescriptor* field = entry.field;
      FieldPath field_path = path.field(field->json_name());
      bool written_empty = entry.presence && reflection->GetBool(message, entry.presence);
      bool set = field->is_repeated() ? reflection->FieldSize(message, field) > 0 || written_empty
                                      : reflection->HasField(message, field);
      if (!set) {
        const auto* override = override_of(entry);
        if (entry.schema->required() && !(override && override->not_required()))
          errors_.push_back({field_path.str(), "Required value", ""});
        continue;
      }
      if (entry.schema->raw_json()) continue;
      if (field->is_map()) {
        map(message, entry, field_path);
      } else if (field->is_repeated()) {
        list(message, entry, field_path);
      } else {
        single(message, entry, field_path, -1);
      }
    }
  }

 private:
  void too_many(const FieldPath& path, int count, std::uint32_t max) {
    errors_.push_back(
        {path.str(), "Too many",
         std::to_string(count) + ": must have at most " + std::to_string(max) + " items"});
  }

  void map(const gp::Message& message, const FieldInfo& entry, const FieldPath& path) {
    const gp::Reflection* reflection = message.GetReflection();
    int size = reflection->FieldSize(message, entry.field);
    if (entry.schema->has_max_properties() &&
        static_cast<std::uint32_t>(size) > entry.schema->max_properties())
      too_many(path, size, entry.schema->max_properties());
    const gp::FieldDescriptor* key_field = entry.field->message_type()->map_key();
    // Map entries come in insertion order; report in key order so that messages are stable.
    std::map<std::string, const gp::Message*> sorted;
    for (int i = 0; i < size; ++i) {
      const gp::Message& item = reflection->GetRepeatedMessage(message, entry.field, i);
      sorted.emplace(item.GetReflection()->GetString(item, key_field), &item);
    }
    for (const auto& [key, item] : sorted) {
      const gp::FieldDescriptor* value_field = item->GetDescriptor()->map_value();
      FieldPath value_path = path.field(key);
      if (value_field->cpp_type() == Type::CPPTYPE_MESSAGE) {
        message_value(item->GetReflection()->GetMessage(*item, value_field), value_path);
      } else if (value_field->cpp_type() == Type::CPPTYPE_STRING) {
        string_value(item->GetReflection()->GetString(*item, value_field), entry, value_path);
      }
    }
  }

  void message_value(const gp::Message& value, const FieldPath& path) { message(value, path); }

  void list(const gp::Message& message, const FieldInfo& entry, const FieldPath& path) {
    const gp::Reflection* reflection = message.GetReflection();
    const auto& schema = *entry.schema;
    int size = reflection->FieldSize(message, entry.field);
    const auto* override = override_of(entry);
    bool has_max = schema.has_max_items() || (override && override->has_max_items());
    std::uint32_t max_items =
        override && override->has_max_items() ? override->max_items() : schema.max_items();
    if (has_max && static_cast<std::uint32_t>(size) > max_items) too_many(path, size, max_items);
    bool has_min = schema.has_min_items() && !(override && override->no_min_items());
    if (has_min && static_cast<std::uint32_t>(size) < schema.min_items()) {
      errors_.push_back({path.str(), "Invalid value",
                         std::to_string(size) + ": " + path.str() +
                             " in body should have at least " + std::to_string(schema.min_items()) +
                             " items"});
    }
    if (schema.list_type() == "set") unique_items(message, entry, path, size);
    if (schema.list_type() == "map") unique_keys(message, entry, path, size);
    for (int i = 0; i < size; ++i) single(message, entry, path.item(i), i);
  }

  void unique_items(const gp::Message& message, const FieldInfo& entry, const FieldPath& path,
                    int size) {
    if (entry.field->cpp_type() != Type::CPPTYPE_STRING) return;
    std::set<std::string> seen;
    for (int i = 0; i < size; ++i) {
      std::string value = message.GetReflection()->GetRepeatedString(message, entry.field, i);
      if (!seen.insert(value).second)
        errors_.push_back({path.item(i).str(), "Duplicate value", quoted(value)});
    }
  }

  // x-kubernetes-list-type: map: the key fields identify an item, so two may not share them.
  void unique_keys(const gp::Message& message, const FieldInfo& entry, const FieldPath& path,
                   int size) {
    if (entry.field->cpp_type() != Type::CPPTYPE_MESSAGE) return;
    const MessageInfo& item_info = SchemaIndex::get().message(entry.field->message_type());
    std::set<std::string> seen;
    for (int i = 0; i < size; ++i) {
      const gp::Message& item =
          message.GetReflection()->GetRepeatedMessage(message, entry.field, i);
      std::string key = "map[string]interface {}{";
      bool first = true;
      for (const auto& key_name : entry.schema->list_map_keys()) {
        auto it = item_info.by_json_name.find(key_name);
        if (it == item_info.by_json_name.end()) continue;
        const gp::FieldDescriptor* key_field = it->second->field;
        if (!item.GetReflection()->HasField(item, key_field)) continue;
        if (!first) key += ", ";
        first = false;
        key += quoted(key_name) + ":" + scalar_text(item, key_field);
      }
      key += "}";
      if (!seen.insert(key).second) errors_.push_back({path.item(i).str(), "Duplicate value", key});
    }
  }

  static std::string scalar_text(const gp::Message& item, const gp::FieldDescriptor* field) {
    const gp::Reflection* reflection = item.GetReflection();
    switch (field->cpp_type()) {
      case Type::CPPTYPE_STRING:
        return quoted(reflection->GetString(item, field));
      case Type::CPPTYPE_INT32:
        return std::to_string(reflection->GetInt32(item, field));
      case Type::CPPTYPE_INT64:
        return std::to_string(reflection->GetInt64(item, field));
      case Type::CPPTYPE_BOOL:
        return reflection->GetBool(item, field) ? "true" : "false";
      default:
        return "?";
    }
  }

  // One value of a field: the field itself (index < 0) or one item of a list.
  void single(const gp::Message& message, const FieldInfo& entry, const FieldPath& path,
              int index) {
    const gp::Reflection* reflection = message.GetReflection();
    const gp::FieldDescriptor* field = entry.field;
    bool repeated = index >= 0;
    switch (field->cpp_type()) {
      case Type::CPPTYPE_MESSAGE:
        return this->message(repeated ? reflection->GetRepeatedMessage(message, field, index)
                                      : reflection->GetMessage(message, field),
                             path);
      case Type::CPPTYPE_STRING:
        if (field->type() == gp::FieldDescriptor::TYPE_BYTES) return;
        return string_value(repeated ? reflection->GetRepeatedString(message, field, index)
                                     : reflection->GetString(message, field),
                            entry, path);
      case Type::CPPTYPE_INT32:
        return integer_value(repeated ? reflection->GetRepeatedInt32(message, field, index)
                                      : reflection->GetInt32(message, field),
                             entry, path);
      case Type::CPPTYPE_INT64:
        return integer_value(repeated ? reflection->GetRepeatedInt64(message, field, index)
                                      : reflection->GetInt64(message, field),
                             entry, path);
      default:
        return;
    }
  }

  // `shown` is how the error prints the value: quoted for strings, bare for numbers.
  void check_enum(const std::string& value, bool quote, const openapi::v1::FieldSchema& schema,
                  const FieldPath& path) {
    if (schema.enum__size() == 0) return;
    // The standard channel's CRD lists fewer values where the experimental one has more.
    const auto& values = standard_channel_ && schema.standard_enum_size() > 0
                             ? schema.standard_enum()
                             : schema.enum_();
    std::string supported;
    for (const auto& candidate : values) {
      if (candidate == value) return;
      if (!supported.empty()) supported += ", ";
      supported += quoted(candidate);
    }
    errors_.push_back({path.str(), "Unsupported value",
                       (quote ? quoted(value) : value) + ": supported values: " + supported});
  }

  void string_value(const std::string& value, const FieldInfo& entry, const FieldPath& field_path) {
    const auto& schema = *entry.schema;
    if (schema.format() == "date-time" && !is_date_time(value)) {
      errors_.push_back({field_path.str(), "Invalid value",
                         quoted(value) + ": " + field_path.str() +
                             " in body must be of type date-time: " + quoted(value)});
    }
    check_enum(value, true, schema, field_path);
    size_t length = rune_count(value);
    if (schema.has_max_length() && length > schema.max_length()) {
      errors_.push_back({field_path.str(), "Too long",
                         "may not be more than " + std::to_string(schema.max_length()) + " bytes"});
    }
    if (schema.has_min_length() && length < schema.min_length()) {
      errors_.push_back({field_path.str(), "Invalid value",
                         quoted(value) + ": " + field_path.str() + " in body should be at least " +
                             std::to_string(schema.min_length()) + " chars long"});
    }
    bool has_pattern = entry.pattern && !(standard_channel_ && schema.experimental_pattern());
    if (has_pattern && !re2::RE2::PartialMatch(value, *entry.pattern)) {
      errors_.push_back({field_path.str(), "Invalid value",
                         quoted(value) + ": " + field_path.str() + " in body should match '" +
                             schema.pattern() + "'"});
    }
  }

  void integer_value(std::int64_t value, const FieldInfo& entry, const FieldPath& field_path) {
    const auto& schema = *entry.schema;
    if (schema.enum__size() > 0) check_enum(std::to_string(value), false, schema, field_path);
    if (schema.has_maximum() && value > schema.maximum()) {
      errors_.push_back({field_path.str(), "Invalid value",
                         std::to_string(value) + ": " + field_path.str() +
                             " in body should be less than or equal to " +
                             std::to_string(schema.maximum())});
    }
    if (schema.has_minimum() && value < schema.minimum()) {
      errors_.push_back({field_path.str(), "Invalid value",
                         std::to_string(value) + ": " + field_path.str() +
                             " in body should be greater than or equal to " +
                             std::to_string(schema.minimum())});
    }
  }

  // The override of this field's bounds for the version being validated, or null.
  const openapi::v1::VersionOverride* override_of(const FieldInfo& entry) const {
    for (const auto& candidate : entry.schema->version_overrides()) {
      if (candidate.version() == version_) return &candidate;
    }
    return nullptr;
  }

  const std::string& version_;
  bool standard_channel_;
  std::vector<FieldError>& errors_;
};

bool digits(std::string_view text, size_t at, size_t count) {
  if (at + count > text.size()) return false;
  for (size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

}  // namespace

bool is_date_time(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
  if (!digits(t, 0, 4) || t.size() < 20 || t[4] != '-' || !digits(t, 5, 2) || t[7] != '-' ||
      !digits(t, 8, 2) || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || !digits(t, 11, 2) ||
      t[13] != ':' || !digits(t, 14, 2) || t[16] != ':' || !digits(t, 17, 2))
    return false;
  size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    size_t start = ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == start) return false;
  }
  if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) return i + 1 == t.size();
  return i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && digits(t, i + 1, 2) &&
         t[i + 3] == ':' && digits(t, i + 4, 2);
}

void validate_schema_message(const gp::Message& message, const std::string& path,
                             const std::string& version, bool standard_channel,
                             std::vector<FieldError>& errors) {
  Validator(version, standard_channel, errors).message(message, FieldPath{nullptr, path, -1});
}

}  // namespace lintel::api::detail
