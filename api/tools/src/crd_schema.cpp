#include "crd_schema.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "json_parse.h"
#include "lintel/openapi/v1/openapi.pb.h"

namespace lintel::crdgen {

namespace {

namespace gp = google::protobuf;
using openapi::v1::FieldSchema;
using openapi::v1::VersionOverride;

// The messages being written, outermost first: a message inside itself has no finite schema.
using Stack = std::vector<const gp::Descriptor*>;

YamlValue object_schema(const gp::Descriptor* message, const SchemaTarget& target, Stack& stack);

[[noreturn]] void schema_error(const gp::FieldDescriptor* field, const std::string& what) {
  throw std::invalid_argument(field->full_name() + ": " + what);
}

const FieldSchema& field_options(const gp::FieldDescriptor* field) {
  return field->options().GetExtension(openapi::v1::field);
}

const VersionOverride* override_for(const FieldSchema& options, const SchemaTarget& target) {
  for (const VersionOverride& entry : options.version_overrides())
    if (entry.version() == target.version) return &entry;
  return nullptr;
}

bool is_integer(const gp::FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_INT32:
    case gp::FieldDescriptor::CPPTYPE_INT64:
    case gp::FieldDescriptor::CPPTYPE_UINT32:
    case gp::FieldDescriptor::CPPTYPE_UINT64:
      return true;
    default:
      return false;
  }
}

YamlValue type_of(const char* type) {
  YamlValue schema;
  schema.set("type", YamlValue::of_string(type));
  return schema;
}

// The schema of one value of the field's type: the field itself, an item, or a map's value.
YamlValue value_type_schema(const gp::FieldDescriptor* field, const SchemaTarget& target,
                            Stack& stack) {
  switch (field->cpp_type()) {
    case gp::FieldDescriptor::CPPTYPE_STRING: {
      YamlValue schema = type_of("string");
      if (field->type() == gp::FieldDescriptor::TYPE_BYTES)
        schema.set("format", YamlValue::of_string("byte"));
      return schema;
    }
    case gp::FieldDescriptor::CPPTYPE_BOOL:
      return type_of("boolean");
    case gp::FieldDescriptor::CPPTYPE_DOUBLE:
    case gp::FieldDescriptor::CPPTYPE_FLOAT:
      return type_of("number");
    case gp::FieldDescriptor::CPPTYPE_MESSAGE:
      return object_schema(field->message_type(), target, stack);
    case gp::FieldDescriptor::CPPTYPE_ENUM:
      schema_error(field, "a proto enum; Kubernetes enums are strings with `enum` values");
    default:
      if (is_integer(field)) return type_of("integer");
      schema_error(field, "unsupported field type");
  }
}

// Constraints on a single value: on the field, or on each item or map value.
void apply_value_constraints(const FieldSchema& options, const SchemaTarget& target, bool integer,
                             YamlValue& schema) {
  bool standard = target.channel == Channel::kStandard;
  const auto& values =
      standard && options.standard_enum_size() > 0 ? options.standard_enum() : options.enum_();
  if (!values.empty()) {
    YamlValue& list = schema.set("enum", YamlValue::empty_seq());
    for (const std::string& value : values)
      list.push(integer ? YamlValue::of_number_text(value) : YamlValue::of_string(value));
  }
  if (!options.pattern().empty() && !(standard && options.experimental_pattern()))
    schema.set("pattern", YamlValue::of_string(options.pattern()));
  if (options.has_min_length()) schema.set("minLength", YamlValue::of_int(options.min_length()));
  if (options.has_max_length()) schema.set("maxLength", YamlValue::of_int(options.max_length()));
  if (options.has_minimum()) schema.set("minimum", YamlValue::of_int(options.minimum()));
  if (options.has_maximum()) schema.set("maximum", YamlValue::of_int(options.maximum()));
  if (!options.format().empty()) schema.set("format", YamlValue::of_string(options.format()));
}

// Constraints on the field as a whole: the array or map itself, or the single value.
void apply_field_constraints(const gp::FieldDescriptor* field, const FieldSchema& options,
                             const VersionOverride* version, YamlValue& schema) {
  if (options.has_min_items() && !(version && version->no_min_items()))
    schema.set("minItems", YamlValue::of_int(options.min_items()));
  if (version && version->has_max_items())
    schema.set("maxItems", YamlValue::of_int(version->max_items()));
  else if (options.has_max_items())
    schema.set("maxItems", YamlValue::of_int(options.max_items()));
  if (options.has_max_properties())
    schema.set("maxProperties", YamlValue::of_int(options.max_properties()));
  if (!options.default_().empty()) {
    try {
      schema.set("default", parse_json(options.default_()));
    } catch (const std::invalid_argument& error) {
      schema_error(field, std::string("default is not JSON: ") + error.what());
    }
  }
  if (!options.list_type().empty())
    schema.set("x-kubernetes-list-type", YamlValue::of_string(options.list_type()));
  if (options.list_map_keys_size() > 0) {
    YamlValue& keys = schema.set("x-kubernetes-list-map-keys", YamlValue::empty_seq());
    for (const std::string& key : options.list_map_keys()) keys.push(YamlValue::of_string(key));
  }
  if (!options.map_type().empty())
    schema.set("x-kubernetes-map-type", YamlValue::of_string(options.map_type()));
}

YamlValue field_schema(const gp::FieldDescriptor* field, const SchemaTarget& target, Stack& stack) {
  const FieldSchema& options = field_options(field);
  if (options.raw_json()) {
    YamlValue schema;
    schema.set("x-kubernetes-preserve-unknown-fields", YamlValue::of_bool(true));
    return schema;
  }
  if (options.opaque_in_crd()) return type_of("object");

  YamlValue schema;
  if (field->is_map()) {
    const gp::FieldDescriptor* key = field->message_type()->map_key();
    const gp::FieldDescriptor* value = field->message_type()->map_value();
    if (key->cpp_type() != gp::FieldDescriptor::CPPTYPE_STRING)
      schema_error(field, "a map key that is not a string");
    YamlValue value_schema = value_type_schema(value, target, stack);
    apply_value_constraints(options, target, is_integer(value), value_schema);
    schema = type_of("object");
    schema.set("additionalProperties", std::move(value_schema));
  } else if (field->is_repeated()) {
    YamlValue item_schema = value_type_schema(field, target, stack);
    apply_value_constraints(options, target, is_integer(field), item_schema);
    schema = type_of("array");
    schema.set("items", std::move(item_schema));
  } else {
    schema = value_type_schema(field, target, stack);
    apply_value_constraints(options, target, is_integer(field), schema);
  }
  apply_field_constraints(field, options, override_for(options, target), schema);
  return schema;
}

YamlValue object_schema(const gp::Descriptor* message, const SchemaTarget& target, Stack& stack) {
  if (std::find(stack.begin(), stack.end(), message) != stack.end())
    throw std::invalid_argument(message->full_name() + " contains itself");
  stack.push_back(message);

  YamlValue schema = type_of("object");
  std::vector<std::string> required;
  for (int i = 0; i < message->field_count(); ++i) {
    const gp::FieldDescriptor* field = message->field(i);
    const FieldSchema& options = field_options(field);
    if (options.experimental() && target.channel == Channel::kStandard) continue;
    if (!options.empty_of().empty()) continue;  // bookkeeping, not a property
    schema.map["properties"].set(field->json_name(), field_schema(field, target, stack));
    const VersionOverride* version = override_for(options, target);
    if (options.required() && !(version && version->not_required()))
      required.push_back(field->json_name());
  }
  if (!required.empty()) {
    // Sorted, as controller-gen writes them.
    std::sort(required.begin(), required.end());
    YamlValue& list = schema.set("required", YamlValue::empty_seq());
    for (std::string& name : required) list.push(YamlValue::of_string(std::move(name)));
  }

  stack.pop_back();
  return schema;
}

void collect_overridden_versions(const gp::Descriptor* message, Stack& stack,
                                 std::set<std::string>& versions) {
  if (std::find(stack.begin(), stack.end(), message) != stack.end()) return;
  stack.push_back(message);
  for (int i = 0; i < message->field_count(); ++i) {
    const gp::FieldDescriptor* field = message->field(i);
    for (const VersionOverride& entry : field_options(field).version_overrides())
      versions.insert(entry.version());
    const gp::FieldDescriptor* value = field->is_map() ? field->message_type()->map_value() : field;
    if (value->message_type()) collect_overridden_versions(value->message_type(), stack, versions);
  }
  stack.pop_back();
}

}  // namespace

YamlValue message_schema(const gp::Descriptor* message, const SchemaTarget& target) {
  Stack stack;
  return object_schema(message, target, stack);
}

YamlValue kind_schema(const gp::Descriptor* kind, const SchemaTarget& target) {
  YamlValue schema = message_schema(kind, target);
  // What the API server itself checks; the kind's own fields for them, if any, do not matter.
  YamlValue& properties = schema.map["properties"];
  properties.set("apiVersion", type_of("string"));
  properties.set("kind", type_of("string"));
  properties.set("metadata", type_of("object"));
  return schema;
}

std::set<std::string> overridden_versions(const gp::Descriptor* message) {
  std::set<std::string> versions;
  Stack stack;
  collect_overridden_versions(message, stack, versions);
  return versions;
}

}  // namespace lintel::crdgen
