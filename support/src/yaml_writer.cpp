#include "lintel/support/yaml_writer.h"

#include <cctype>

namespace lintel::support {

namespace {

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  if (std::isspace(static_cast<unsigned char>(s.front())) ||
      std::isspace(static_cast<unsigned char>(s.back()))) {
    return true;
  }
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`~").find(s.front()) != std::string_view::npos)
    return true;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos ||
      s.back() == ':') {
    return true;
  }
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') return true;
  }
  // Words and numbers that a YAML parser would not read as a string.
  static constexpr std::string_view kSpecial[] = {"true", "false", "yes", "no", "on",
                                                  "off",  "null",  "y",   "n"};
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto word : kSpecial) {
    if (lower == word) return true;
  }
  bool numeric = s.find_first_of("0123456789") != std::string_view::npos;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' &&
        c != 'e' && c != 'E' && c != 'x' && c != 'o' && c != '_') {
      numeric = false;
    }
  }
  return numeric || lower == ".inf" || lower == ".nan";
}

}  // namespace

std::string yaml_scalar(std::string_view value) {
  if (!needs_quotes(value)) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
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
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\x";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

void YamlWriter::indent() {
  if (pending_item_) {
    out_.append(static_cast<size_t>(depth_ - 1) * 2, ' ');
    out_ += "- ";
    pending_item_ = false;
  } else {
    out_.append(static_cast<size_t>(depth_) * 2, ' ');
  }
}

YamlWriter& YamlWriter::field(std::string_view key, std::string_view value) {
  indent();
  out_ += std::string(key) + ": " + yaml_scalar(value) + "\n";
  return *this;
}

YamlWriter& YamlWriter::field(std::string_view key, long value) {
  indent();
  out_ += std::string(key) + ": " + std::to_string(value) + "\n";
  return *this;
}

YamlWriter& YamlWriter::open(std::string_view key) {
  indent();
  out_ += std::string(key) + ":\n";
  ++depth_;
  return *this;
}

YamlWriter& YamlWriter::close() {
  --depth_;
  return *this;
}

YamlWriter& YamlWriter::item() {
  // Items sit one level in from their key ("key:\n  - a: 1"), the style kubectl prints.
  ++depth_;
  pending_item_ = true;
  return *this;
}

YamlWriter& YamlWriter::scalar_item(std::string_view value) {
  out_.append(static_cast<size_t>(depth_) * 2, ' ');
  out_ += "- " + yaml_scalar(value) + "\n";
  return *this;
}

YamlWriter& YamlWriter::comment(std::string_view text) {
  out_.append(static_cast<size_t>(depth_) * 2, ' ');
  out_ += "# " + std::string(text) + "\n";
  return *this;
}

YamlWriter& YamlWriter::document() {
  if (!out_.empty()) out_ += "---\n";
  return *this;
}

}  // namespace lintel::support
