#pragma once

#include <string>
#include <string_view>

namespace lintel::support {

// Writes block-style YAML line by line. Scalars are quoted only when plain style would change
// their meaning (a leading '*', "true", "80", ": " inside...), so output reads like kubectl's.
class YamlWriter {
 public:
  // `key: value` at the current depth.
  YamlWriter& field(std::string_view key, std::string_view value);
  YamlWriter& field(std::string_view key, long value);
  // `key:` opening a nested mapping or list; close() returns to the parent.
  YamlWriter& open(std::string_view key);
  YamlWriter& close();
  // `- ` starting the next list item at the current depth, as a mapping (fields follow).
  YamlWriter& item();
  // `- value` for a list of scalars.
  YamlWriter& scalar_item(std::string_view value);
  YamlWriter& comment(std::string_view text);
  YamlWriter& document();

  const std::string& text() const { return out_; }

 private:
  void indent();

  std::string out_;
  int depth_ = 0;
  bool pending_item_ = false;  // the next field starts with "- "
};

std::string yaml_scalar(std::string_view value);

}  // namespace lintel::support
