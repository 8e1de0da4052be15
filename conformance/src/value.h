#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lintel::conformance {

// One tree for everything the runner reads and writes: cases.json, the suite's YAML manifests,
// Lintel's /status and the echo replies. Scalars keep whether they were quoted, so that a
// manifest written back keeps `port: 80` a number and `value: "80"` a string.
class Value {
 public:
  enum class Kind { kNull, kScalar, kMap, kList };
  using Entry = std::pair<std::string, Value>;

  Value() = default;
  static Value string(std::string text);  // a quoted scalar
  static Value plain(std::string text);   // a plain scalar: numbers, booleans
  static Value number(long number) { return plain(std::to_string(number)); }
  static Value boolean(bool value) { return plain(value ? "true" : "false"); }
  static Value map();
  static Value list();

  Kind kind() const { return kind_; }
  bool is_null() const;  // absent, `null`, `~` or an empty plain scalar
  bool is_scalar() const { return kind_ == Kind::kScalar; }
  bool is_map() const { return kind_ == Kind::kMap; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool quoted() const { return quoted_; }

  // Scalar text; "" for anything else.
  const std::string& text() const { return text_; }
  long as_long(long fallback = 0) const;
  double as_double(double fallback = 0) const;
  bool as_bool(bool fallback = false) const;

  // Map access: a missing key reads as null.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  const Value& operator[](std::string_view key) const;
  // The scalar text at `key`, or "" (also for null).
  std::string str(std::string_view key) const;
  Value& set(std::string key, Value value);
  bool erase(std::string_view key);
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& entries() { return entries_; }

  const std::vector<Value>& items() const { return items_; }
  std::vector<Value>& items() { return items_; }
  Value& push(Value value);
  size_t size() const { return kind_ == Kind::kMap ? entries_.size() : items_.size(); }

  // Compact JSON, for messages and logs.
  std::string to_json() const;

  bool operator==(const Value& other) const;

 private:
  Kind kind_ = Kind::kNull;
  bool quoted_ = false;
  std::string text_;
  std::vector<Entry> entries_;
  std::vector<Value> items_;
};

}  // namespace lintel::conformance
