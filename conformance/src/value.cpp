#include "value.h"

#include <cstdlib>

#include "lintel/support/json_text.h"

namespace lintel::conformance {

namespace {

const Value kNull;

bool json_literal(const std::string& text) {
  if (text == "true" || text == "false" || text == "null") return true;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return !text.empty() && end && *end == '\0';
}

void append_json(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kScalar:
      if (!value.quoted() && json_literal(value.text())) {
        out += value.text();
      } else {
        support::append_json_string(out, value.text());
      }
      return;
    case Value::Kind::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.entries()) {
        if (!first) out += ',';
        first = false;
        support::append_json_string(out, key);
        out += ':';
        append_json(out, item);
      }
      out += '}';
      return;
    }
    case Value::Kind::kList: {
      out += '[';
      bool first = true;
      for (const auto& item : value.items()) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      return;
    }
  }
}

}  // namespace

Value Value::string(std::string text) {
  Value out;
  out.kind_ = Kind::kScalar;
  out.quoted_ = true;
  out.text_ = std::move(text);
  return out;
}

Value Value::plain(std::string text) {
  Value out;
  out.kind_ = Kind::kScalar;
  out.text_ = std::move(text);
  return out;
}

Value Value::map() {
  Value out;
  out.kind_ = Kind::kMap;
  return out;
}

Value Value::list() {
  Value out;
  out.kind_ = Kind::kList;
  return out;
}

bool Value::is_null() const {
  if (kind_ == Kind::kNull) return true;
  return kind_ == Kind::kScalar && !quoted_ && (text_.empty() || text_ == "null" || text_ == "~");
}

long Value::as_long(long fallback) const {
  if (kind_ != Kind::kScalar || text_.empty()) return fallback;
  char* end = nullptr;
  long value = std::strtol(text_.c_str(), &end, 10);
  return *end == '\0' ? value : fallback;
}

double Value::as_double(double fallback) const {
  if (kind_ != Kind::kScalar || text_.empty()) return fallback;
  char* end = nullptr;
  double value = std::strtod(text_.c_str(), &end);
  return *end == '\0' ? value : fallback;
}

bool Value::as_bool(bool fallback) const {
  if (text_ == "true") return true;
  if (text_ == "false") return false;
  return fallback;
}

const Value* Value::find(std::string_view key) const {
  for (const auto& entry : entries_) {
    if (entry.first == key) return &entry.second;
  }
  return nullptr;
}

Value* Value::find(std::string_view key) {
  for (auto& entry : entries_) {
    if (entry.first == key) return &entry.second;
  }
  return nullptr;
}

const Value& Value::operator[](std::string_view key) const {
  const Value* found = find(key);
  return found ? *found : kNull;
}

std::string Value::str(std::string_view key) const {
  const Value& found = (*this)[key];
  return found.is_null() ? std::string() : found.text();
}

Value& Value::set(std::string key, Value value) {
  kind_ = Kind::kMap;
  if (Value* existing = find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  entries_.emplace_back(std::move(key), std::move(value));
  return entries_.back().second;
}

bool Value::erase(std::string_view key) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == key) {
      entries_.erase(it);
      return true;
    }
  }
  return false;
}

Value& Value::push(Value value) {
  kind_ = Kind::kList;
  items_.push_back(std::move(value));
  return items_.back();
}

std::string Value::to_json() const {
  std::string out;
  append_json(out, *this);
  return out;
}

bool Value::operator==(const Value& other) const {
  if (is_null() && other.is_null()) return true;
  return kind_ == other.kind_ && text_ == other.text_ && entries_ == other.entries_ &&
         items_ == other.items_;
}

}  // namespace lintel::conformance
