#include "json_patch.h"

#include <vector>

namespace lintel::conformance {

namespace {

std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  size_t at = 1;
  while (at <= pointer.size()) {
    const size_t slash = pointer.find('/', at);
    std::string raw =
        pointer.substr(at, slash == std::string::npos ? std::string::npos : slash - at);
    std::string token;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size()) {
        token += raw[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (slash == std::string::npos) break;
    at = slash + 1;
  }
  return tokens;
}

bool list_index(const Value& list, const std::string& token, bool allow_end, size_t& index) {
  if (allow_end && token == "-") {
    index = list.items().size();
    return true;
  }
  if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos) return false;
  index = std::stoul(token);
  return index < list.items().size() || (allow_end && index == list.items().size());
}

// The container holding the last token of `path`.
Value* parent_of(Value& document, const std::vector<std::string>& tokens) {
  Value* at = &document;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (at->is_map()) {
      at = at->find(tokens[i]);
    } else if (at->is_list()) {
      size_t index = 0;
      if (!list_index(*at, tokens[i], false, index)) return nullptr;
      at = &at->items()[index];
    } else {
      return nullptr;
    }
    if (!at) return nullptr;
  }
  return at;
}

bool apply_one(Value& document, const Value& operation, std::string& error) {
  const std::string op = operation.str("op");
  const std::string path = operation.str("path");
  if (path.empty()) {
    if (op == "add" || op == "replace") {
      document = operation["value"];
      return true;
    }
    error = op + " of the whole document";
    return false;
  }
  const auto tokens = pointer_tokens(path);
  Value* parent = parent_of(document, tokens);
  if (!parent) {
    error = op + " " + path + ": no such parent";
    return false;
  }
  const std::string& last = tokens.back();
  if (parent->is_list()) {
    size_t index = 0;
    if (!list_index(*parent, last, op == "add", index)) {
      error = op + " " + path + ": bad list index";
      return false;
    }
    auto& items = parent->items();
    const auto at = items.begin() + static_cast<std::ptrdiff_t>(index);
    if (op == "add") {
      items.insert(at, operation["value"]);
    } else if (op == "remove") {
      items.erase(at);
    } else if (op == "replace") {
      *at = operation["value"];
    } else if (op == "test") {
      if (!(*at == operation["value"])) error = "test " + path + " failed";
    } else {
      error = "unsupported op " + op;
    }
    return error.empty();
  }
  if (!parent->is_map() && !(parent->is_null() && op == "add")) {
    error = op + " " + path + ": parent is a scalar";
    return false;
  }
  if (op == "add") {
    parent->set(last, operation["value"]);
  } else if (op == "remove") {
    if (!parent->erase(last)) error = "remove " + path + ": no such member";
  } else if (op == "replace") {
    Value* member = parent->find(last);
    if (member) {
      *member = operation["value"];
    } else {
      error = "replace " + path + ": no such member";
    }
  } else if (op == "test") {
    if (!((*parent)[last] == operation["value"])) error = "test " + path + " failed";
  } else {
    error = "unsupported op " + op;
  }
  return error.empty();
}

}  // namespace

bool apply_json_patch(Value& document, const Value& patch, std::string& error) {
  for (const auto& operation : patch.items()) {
    if (!apply_one(document, operation, error)) return false;
  }
  return true;
}

}  // namespace lintel::conformance
