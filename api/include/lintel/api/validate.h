#pragma once

#include <string>
#include <vector>

#include "lintel/api/schema_object.h"

namespace lintel::api {

// One field error, as apimachinery's field.Error prints it:
// `spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified`.
struct FieldError {
  std::string field;
  std::string type;    // "Required value", "Invalid value", "Unsupported value", ...
  std::string detail;  // for Invalid and Unsupported: the bad value and why
  std::string to_string() const;
};

// The transition rules (x-kubernetes-validations on `oldSelf`, e.g. GatewayClass
// spec.controllerName "Value is immutable") of an update from `old_object` to `new_object`, two
// objects of one kind as decoded; empty when the update is allowed. The API server checks them
// on update; in standalone mode a reload of the manifests is the update.
std::vector<FieldError> transition_errors(const SchemaObject& old_object,
                                          const SchemaObject& new_object);

// `The Ingress "name" is invalid: <errors joined by "; ">`
std::string invalid_message(const std::string& kind, const std::string& name,
                            const std::vector<FieldError>& errors);

}  // namespace lintel::api
