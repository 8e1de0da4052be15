#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

// A YAML document as the CRD generator builds it: plain data, no anchors or tags. Mapping keys
// are kept sorted, as controller-gen writes them, so the output does not depend on build order.
namespace lintel::crdgen {

struct YamlValue {
  enum class Type { kNull, kBool, kNumber, kString, kMap, kSeq };

  Type type = Type::kNull;
  bool boolean = false;
  std::string text;  // a string's value, or a number's JSON text
  std::map<std::string, YamlValue> map;
  std::vector<YamlValue> seq;

  static YamlValue null() { return {}; }
  static YamlValue of_bool(bool value);
  static YamlValue of_int(std::int64_t value);
  static YamlValue of_number_text(std::string json_number);
  static YamlValue of_string(std::string value);
  static YamlValue empty_map();
  static YamlValue empty_seq();

  // Sets a key of a mapping and returns its value; turns a null into an empty mapping first.
  YamlValue& set(const std::string& key, YamlValue value);
  // Appends to a sequence; turns a null into an empty sequence first.
  YamlValue& push(YamlValue value);

  bool operator==(const YamlValue&) const = default;
};

}  // namespace lintel::crdgen
