#include "yaml_emit.h"

#include <string_view>

#include "lintel/support/json_text.h"

namespace lintel::conformance {

namespace {

bool plain_is_safe(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ' || text.back() == ':') return false;
  if (std::string_view("?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos)
    return false;
  if (text.front() == '-' && (text.size() == 1 || text[1] == ' ')) return false;
  return text.find(": ") == std::string_view::npos && text.find(" #") == std::string_view::npos &&
         text.find_first_of("\n\r\t") == std::string_view::npos;
}

std::string scalar(const Value& value) {
  if (value.kind() == Value::Kind::kNull) return "null";
  if (value.is_map()) return "{}";
  if (value.is_list()) return "[]";
  if (!value.quoted() && plain_is_safe(value.text())) return value.text();
  std::string out;
  support::append_json_string(out, value.text());
  return out;
}

std::string key_text(const std::string& key) {
  bool simple = !key.empty() && key.front() != '-';
  for (const char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '/' || c == '-';
    simple = simple && ok;
  }
  if (simple && key != "true" && key != "false" && key != "null") return key;
  std::string out;
  support::append_json_string(out, key);
  return out;
}

bool is_block(const Value& value) {
  return (value.is_map() || value.is_list()) && value.size() > 0;
}

void emit_list(const Value& list, int indent, std::string& out);

void emit_map(const Value& map, int indent, std::string& out) {
  for (const auto& [key, item] : map.entries()) {
    out.append(static_cast<size_t>(indent), ' ');
    out += key_text(key);
    out += ':';
    if (!is_block(item)) {
      out += ' ';
      out += scalar(item);
      out += '\n';
    } else if (item.is_map()) {
      out += '\n';
      emit_map(item, indent + 2, out);
    } else {
      out += '\n';
      emit_list(item, indent, out);
    }
  }
}

void emit_list(const Value& list, int indent, std::string& out) {
  const std::string dash = std::string(static_cast<size_t>(indent), ' ') + "- ";
  for (const auto& item : list.items()) {
    if (!is_block(item)) {
      out += dash + scalar(item) + '\n';
    } else if (item.is_map()) {
      // The map is written one level deeper, then its first line takes the dash.
      std::string body;
      emit_map(item, indent + 2, body);
      out += dash + body.substr(static_cast<size_t>(indent) + 2);
    } else {
      out += std::string(static_cast<size_t>(indent), ' ') + "-\n";
      emit_list(item, indent + 2, out);
    }
  }
}

}  // namespace

std::string emit_yaml(const Value& document) {
  std::string out;
  if (document.is_map() && document.size() > 0) {
    emit_map(document, 0, out);
  } else if (document.is_list() && document.size() > 0) {
    emit_list(document, 0, out);
  } else {
    out = scalar(document) + "\n";
  }
  return out;
}

}  // namespace lintel::conformance
