#include "lintel/api/validate.h"

namespace lintel::api {

std::string FieldError::to_string() const {
  std::string out = field + ": " + type;
  if (!detail.empty()) out += ": " + detail;
  return out;
}

std::string invalid_message(const std::string& kind, const std::string& name,
                            const std::vector<FieldError>& errors) {
  std::string joined;
  for (const auto& error : errors) {
    if (!joined.empty()) joined += ", ";
    joined += error.to_string();
  }
  if (errors.size() > 1) joined = "[" + joined + "]";
  return "The " + kind + " \"" + name + "\" is invalid: " + joined;
}

}  // namespace lintel::api
