#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <map>

#include "lintel/api/encode.h"
#include "lintel/openapi/v1/openapi.pb.h"
#include "lintel/support/json_text.h"
#include "lintel/support/yaml_writer.h"

namespace lintel::api {

namespace {

namespace gp = google::protobuf;
using Type = gp::FieldDescriptor::CppType;

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool raw_json(const gp::FieldDescriptor* field) {
  return field->options().GetExtension(openapi::v1::field).raw_json();
}

bool int_or_string(const gp::FieldDescriptor* field) {
  return field->options().GetExtension(openapi::v1::field).int_or_string();
}

// A field written as one nested object (not a scalar, as an IntOrString is).
bool nested(const gp::FieldDescriptor* field) {
  return field->cpp_type() == Type::CPPTYPE_MESSAGE && !int_or_string(field);
}

// A list or map written empty (`[]`, `{}`), which its empty_of bool records.
bool written_empty(const gp::Message& message, const gp::FieldDescriptor* field) {
  const gp::Reflection* reflection = message.GetReflection();
  if (!field->is_repeated() || reflection->FieldSize(message, field) > 0) return false;
  const gp::Descriptor* type = message.GetDescriptor();
  for (int i = 0; i < type->field_count(); ++i) {
    const gp::FieldDescriptor* marker = type->field(i);
    if (marker->options().GetExtension(openapi::v1::field).empty_of() == field->name())
      return reflection->GetBool(message, marker);
  }
  return false;
}

// Whether the field is written: set, and a property (not an empty_of bool).
bool is_set(const gp::Message& message, const gp::FieldDescriptor* field) {
  const gp::Reflection* reflection = message.GetReflection();
  if (field->is_repeated())
    return reflection->FieldSize(message, field) > 0 || written_empty(message, field);
  return reflection->HasField(message, field) &&
         field->options().GetExtension(openapi::v1::field).empty_of().empty();
}

// A scalar as text, with whether it needs JSON string quoting.
std::pair<std::string, bool> scalar(const gp::Message& message, const gp::FieldDescriptor* field,
                                    int index) {
  const gp::Reflection* r = message.GetReflection();
  bool repeated = index >= 0;
  if (int_or_string(field)) {
    const gp::Message& value =
        repeated ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field);
    const gp::Descriptor* type = value.GetDescriptor();
    const gp::Reflection* vr = value.GetReflection();
    if (vr->HasField(value, type->field(0)))
      return {std::to_string(vr->GetInt32(value, type->field(0))), false};
    return {vr->GetString(value, type->field(1)), true};
  }
  switch (field->cpp_type()) {
    case Type::CPPTYPE_STRING: {
      std::string text =
          repeated ? r->GetRepeatedString(message, field, index) : r->GetString(message, field);
      if (field->type() == gp::FieldDescriptor::TYPE_BYTES) text = base64(text);
      return {text, true};
    }
    case Type::CPPTYPE_INT32:
      return {std::to_string(repeated ? r->GetRepeatedInt32(message, field, index)
                                      : r->GetInt32(message, field)),
              false};
    case Type::CPPTYPE_INT64:
      return {std::to_string(repeated ? r->GetRepeatedInt64(message, field, index)
                                      : r->GetInt64(message, field)),
              false};
    case Type::CPPTYPE_UINT32:
      return {std::to_string(repeated ? r->GetRepeatedUInt32(message, field, index)
                                      : r->GetUInt32(message, field)),
              false};
    case Type::CPPTYPE_BOOL:
      return {(repeated ? r->GetRepeatedBool(message, field, index) : r->GetBool(message, field))
                  ? "true"
                  : "false",
              false};
    default:
      return {"null", false};
  }
}

// Map entries in key order: encoding must not depend on the order they were inserted.
std::map<std::string, const gp::Message*> sorted_entries(const gp::Message& message,
                                                         const gp::FieldDescriptor* field) {
  std::map<std::string, const gp::Message*> entries;
  const gp::Reflection* r = message.GetReflection();
  const gp::FieldDescriptor* key = field->message_type()->map_key();
  for (int i = 0; i < r->FieldSize(message, field); ++i) {
    const gp::Message& entry = r->GetRepeatedMessage(message, field, i);
    entries.emplace(entry.GetReflection()->GetString(entry, key), &entry);
  }
  return entries;
}

class YamlEncoder {
 public:
  std::string out;

  void message(const gp::Message& message, int indent) {
    for (int i = 0; i < message.GetDescriptor()->field_count(); ++i) {
      const gp::FieldDescriptor* field = message.GetDescriptor()->field(i);
      if (!is_set(message, field)) continue;
      line_start(indent);
      out += support::yaml_scalar(field->json_name());
      out += ':';
      value(message, field, indent);
    }
  }

 private:
  // Whether the next key continues a "- " already written (first field of a list item).
  bool continue_item_ = false;

  void line_start(int indent) {
    if (continue_item_) {
      continue_item_ = false;
      return;
    }
    out.append(static_cast<size_t>(indent), ' ');
  }

  void value(const gp::Message& message, const gp::FieldDescriptor* field, int indent) {
    const gp::Reflection* r = message.GetReflection();
    if (raw_json(field)) {
      out += ' ' + r->GetString(message, field) + '\n';
      return;
    }
    if (field->is_repeated() && r->FieldSize(message, field) == 0) {  // written empty
      out += field->is_map() ? " {}\n" : " []\n";
      return;
    }
    if (field->is_map()) {
      out += '\n';
      for (const auto& [key, entry] : sorted_entries(message, field)) {
        out.append(static_cast<size_t>(indent + 2), ' ');
        out += support::yaml_scalar(key) + ':';
        const gp::FieldDescriptor* value_field = entry->GetDescriptor()->map_value();
        nested_or_scalar(*entry, value_field, -1, indent + 2);
      }
      return;
    }
    if (field->is_repeated()) {
      out += '\n';
      for (int i = 0; i < r->FieldSize(message, field); ++i) {
        out.append(static_cast<size_t>(indent), ' ');
        out += '-';
        if (nested(field)) {
          const gp::Message& item = r->GetRepeatedMessage(message, field, i);
          if (empty(item)) {
            out += " {}\n";
            continue;
          }
          out += ' ';
          continue_item_ = true;
          this->message(item, indent + 2);
        } else {
          auto [text, quote] = scalar(message, field, i);
          out += ' ' + (quote ? support::yaml_scalar(text) : text) + '\n';
        }
      }
      return;
    }
    nested_or_scalar(message, field, -1, indent);
  }

  void nested_or_scalar(const gp::Message& message, const gp::FieldDescriptor* field, int index,
                        int indent) {
    if (nested(field)) {
      const gp::Message& child = message.GetReflection()->GetMessage(message, field);
      if (empty(child)) {
        out += " {}\n";
        return;
      }
      out += '\n';
      this->message(child, indent + 2);
      return;
    }
    auto [text, quote] = scalar(message, field, index);
    out += ' ' + (quote ? support::yaml_scalar(text) : text) + '\n';
  }

  static bool empty(const gp::Message& message) {
    for (int i = 0; i < message.GetDescriptor()->field_count(); ++i) {
      if (is_set(message, message.GetDescriptor()->field(i))) return false;
    }
    return true;
  }
};

class JsonEncoder {
 public:
  std::string out;

  void message(const gp::Message& message, int indent) {
    bool first = true;
    out += '{';
    for (int i = 0; i < message.GetDescriptor()->field_count(); ++i) {
      const gp::FieldDescriptor* field = message.GetDescriptor()->field(i);
      if (!is_set(message, field)) continue;
      out += first ? "\n" : ",\n";
      first = false;
      out.append(static_cast<size_t>(indent + 2), ' ');
      support::append_json_string(out, field->json_name());
      out += ": ";
      value(message, field, indent + 2);
    }
    if (!first) {
      out += '\n';
      out.append(static_cast<size_t>(indent), ' ');
    }
    out += '}';
  }

 private:
  void value(const gp::Message& message, const gp::FieldDescriptor* field, int indent) {
    const gp::Reflection* r = message.GetReflection();
    if (raw_json(field)) {
      out += r->GetString(message, field);
      return;
    }
    if (field->is_repeated() && r->FieldSize(message, field) == 0) {  // written empty
      out += field->is_map() ? "{}" : "[]";
      return;
    }
    if (field->is_map()) {
      bool first = true;
      out += '{';
      for (const auto& [key, entry] : sorted_entries(message, field)) {
        out += first ? "\n" : ",\n";
        first = false;
        out.append(static_cast<size_t>(indent + 2), ' ');
        support::append_json_string(out, key);
        out += ": ";
        one(*entry, entry->GetDescriptor()->map_value(), -1, indent + 2);
      }
      if (!first) {
        out += '\n';
        out.append(static_cast<size_t>(indent), ' ');
      }
      out += '}';
      return;
    }
    if (field->is_repeated()) {
      out += "[\n";
      int size = r->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        out.append(static_cast<size_t>(indent + 2), ' ');
        one(message, field, i, indent + 2);
        out += i + 1 < size ? ",\n" : "\n";
      }
      out.append(static_cast<size_t>(indent), ' ');
      out += ']';
      return;
    }
    one(message, field, -1, indent);
  }

  void one(const gp::Message& message, const gp::FieldDescriptor* field, int index, int indent) {
    const gp::Reflection* r = message.GetReflection();
    if (nested(field)) {
      this->message(
          index >= 0 ? r->GetRepeatedMessage(message, field, index) : r->GetMessage(message, field),
          indent);
      return;
    }
    auto [text, quote] = scalar(message, field, index);
    if (quote) {
      support::append_json_string(out, text);
    } else {
      out += text;
    }
  }
};

}  // namespace

std::string encode_yaml(const gp::Message& message) {
  YamlEncoder encoder;
  encoder.message(message, 0);
  return encoder.out;
}

std::string encode_json(const gp::Message& message) {
  JsonEncoder encoder;
  encoder.message(message, 0);
  encoder.out += '\n';
  return encoder.out;
}

}  // namespace lintel::api
