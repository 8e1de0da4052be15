#include "yaml_value.h"

#include <stdexcept>
#include <utility>

namespace lintel::crdgen {

YamlValue YamlValue::of_bool(bool value) {
  YamlValue result;
  result.type = Type::kBool;
  result.boolean = value;
  return result;
}

YamlValue YamlValue::of_int(std::int64_t value) {
  return of_number_text(std::to_string(value));
}

YamlValue YamlValue::of_number_text(std::string json_number) {
  YamlValue result;
  result.type = Type::kNumber;
  result.text = std::move(json_number);
  return result;
}

YamlValue YamlValue::of_string(std::string value) {
  YamlValue result;
  result.type = Type::kString;
  result.text = std::move(value);
  return result;
}

YamlValue YamlValue::empty_map() {
  YamlValue result;
  result.type = Type::kMap;
  return result;
}

YamlValue YamlValue::empty_seq() {
  YamlValue result;
  result.type = Type::kSeq;
  return result;
}

YamlValue& YamlValue::set(const std::string& key, YamlValue value) {
  if (type == Type::kNull) type = Type::kMap;
  if (type != Type::kMap) throw std::logic_error("YamlValue::set on a non-mapping");
  YamlValue& slot = map[key];
  slot = std::move(value);
  return slot;
}

YamlValue& YamlValue::push(YamlValue value) {
  if (type == Type::kNull) type = Type::kSeq;
  if (type != Type::kSeq) throw std::logic_error("YamlValue::push on a non-sequence");
  seq.push_back(std::move(value));
  return seq.back();
}

}  // namespace lintel::crdgen
