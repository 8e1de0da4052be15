#include "yaml_emit.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace lintel::crdgen {

namespace {

using Type = YamlValue::Type;

bool has_control_char(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// Words YAML 1.1 (which Go's yaml.v2 and so kubectl follow) or 1.2 resolve to a bool or null.
bool is_reserved_word(std::string_view text) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "=", "<<", ".nan"};
  std::string folded = lower(text);
  return std::find(kWords.begin(), kWords.end(), folded) != kWords.end();
}

// Anything that might resolve to a number (ints, floats, sexagesimals, timestamps, .inf) is
// quoted; a few plain strings quoted needlessly cost nothing.
bool looks_numeric(std::string_view text) {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (is_digit(text[0])) return true;
  if (text.size() > 1 && (text[0] == '-' || text[0] == '+' || text[0] == '.') &&
      (is_digit(text[1]) || text[1] == '.'))
    return true;
  std::string folded = lower(text);
  return folded == ".inf" || folded == "-.inf" || folded == "+.inf";
}

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  static constexpr std::string_view kIndicators = "-?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(text.front()) != std::string_view::npos) return true;
  if (text.front() == ' ' || text.back() == ' ' || text.back() == ':') return true;
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos)
    return true;
  if (text.substr(0, 3) == "...") return true;
  return is_reserved_word(text) || looks_numeric(text);
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\x%02x", byte);
          out += escape;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string single_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

bool is_block(const YamlValue& value) {
  return (value.type == Type::kMap && !value.map.empty()) ||
         (value.type == Type::kSeq && !value.seq.empty());
}

std::string inline_text(const YamlValue& value) {
  switch (value.type) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return value.boolean ? "true" : "false";
    case Type::kNumber:
      return value.text;
    case Type::kString:
      return yaml_scalar(value.text);
    case Type::kMap:
      return "{}";
    case Type::kSeq:
      return "[]";
  }
  return "null";
}

void write_map(const YamlValue& value, int indent, std::string& out);
void write_seq(const YamlValue& value, int indent, std::string& out);

void write_block(const YamlValue& value, int indent, std::string& out) {
  if (value.type == Type::kMap)
    write_map(value, indent, out);
  else
    write_seq(value, indent, out);
}

void write_map(const YamlValue& value, int indent, std::string& out) {
  for (const auto& [key, child] : value.map) {
    out.append(indent, ' ');
    out += yaml_scalar(key);
    out += ':';
    if (!is_block(child)) {
      out += ' ';
      out += inline_text(child);
      out += '\n';
    } else {
      out += '\n';
      // A sequence sits at its key's indentation, a mapping one step in.
      write_block(child, child.type == Type::kMap ? indent + 2 : indent, out);
    }
  }
}

void write_seq(const YamlValue& value, int indent, std::string& out) {
  for (const YamlValue& item : value.seq) {
    out.append(indent, ' ');
    out += "- ";
    if (!is_block(item)) {
      out += inline_text(item);
      out += '\n';
      continue;
    }
    // The item's first line goes after the dash; the rest keep their indentation.
    std::string nested;
    write_block(item, indent + 2, nested);
    out.append(nested, indent + 2);
  }
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  if (has_control_char(text)) return double_quoted(text);
  if (needs_quotes(text)) return single_quoted(text);
  return std::string(text);
}

std::string emit_yaml(const YamlValue& document) {
  std::string out;
  if (is_block(document))
    write_block(document, 0, out);
  else
    out = inline_text(document) + "\n";
  return out;
}

}  // namespace lintel::crdgen
