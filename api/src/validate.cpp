#include "lintel/api/validate.h"

#include "rules/rules.h"

namespace lintel::api {

std::string FieldError::to_string() const {
  std::string out = field + ": " + type;
  if (!detail.empty()) out += ": " + detail;
  return out;
}

std::vector<FieldError> transition_errors(const SchemaObject& old_object,
                                          const SchemaObject& new_object) {
  std::vector<FieldError> errors;
  if (!old_object.message || !new_object.message ||
      old_object.message->GetDescriptor() != new_object.message->GetDescriptor())
    return errors;
  if (auto rules = detail::transition_rules_for(new_object.message->GetDescriptor()))
    rules(*old_object.message, *new_object.message, errors);
  return errors;
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
