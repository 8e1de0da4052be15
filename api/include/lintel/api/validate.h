#pragma once

#include <string>
#include <vector>

namespace lintel::api {

// One field error, as apimachinery's field.Error prints it:
// `spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified`.
struct FieldError {
  std::string field;
  std::string type;    // "Required value", "Invalid value", "Unsupported value", ...
  std::string detail;  // for Invalid and Unsupported: the bad value and why
  std::string to_string() const;
};

// `The Ingress "name" is invalid: <errors joined by "; ">`
std::string invalid_message(const std::string& kind, const std::string& name,
                            const std::vector<FieldError>& errors);

}  // namespace lintel::api
