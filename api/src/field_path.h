#pragma once

#include <string>
#include <string_view>

// A field path built on the stack as a tree is walked, and rendered as text
// ("spec.rules[0].matches[1].path") only when an error needs it: almost every field has no
// error, and building their paths eagerly was a third of the time decoding took.
namespace lintel::api::detail {

struct FieldPath {
  const FieldPath* parent = nullptr;
  std::string_view name;  // a field name or a map key; empty for a list item
  int index = -1;         // a list item's index

  // The children borrow `this` and `name`: both must outlive them (they do, on the stack).
  FieldPath field(std::string_view child) const { return FieldPath{this, child, -1}; }
  FieldPath item(int i) const { return FieldPath{this, {}, i}; }

  std::string str() const {
    std::string out = parent ? parent->str() : std::string();
    if (index >= 0) {
      out += '[' + std::to_string(index) + ']';
    } else if (!name.empty()) {
      if (!out.empty()) out += '.';
      out += name;
    }
    return out;
  }
};

}  // namespace lintel::api::detail
