#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <string>
#include <string_view>
#include <vector>

#include "lintel/api/validate.h"

namespace lintel::gateway::v1 {
class Listener;
class BackendTLSPolicyValidation;
}  // namespace lintel::gateway::v1

// The field errors of a failed CEL rule (x-kubernetes-validations), worded as
// apiextensions-apiserver words them: the rule's message at the path of the value the rule is
// written on (with list indices and map keys filled in), reported as an Invalid value whose
// "bad value" is the JSON type of that value, unless the rule names another reason.
namespace lintel::api::detail {

// JSON types, as the schema's `type` names them.
inline constexpr std::string_view kJsonObject = "object";
inline constexpr std::string_view kJsonArray = "array";
inline constexpr std::string_view kJsonString = "string";
inline constexpr std::string_view kJsonInteger = "integer";

// `path: Invalid value: "object": message` (no `reason`, or reason FieldValueInvalid).
// An empty path is the object's root, which the API server prints as "<nil>".
FieldError cel_error(std::string path, std::string_view json_type, std::string message);
// A rule whose evaluation failed, e.g. on a field it reads without has() being absent (cause
// "no such key: certificateRefs"): `path: Invalid value: "object": <cause> evaluating rule:
// <message>`.
FieldError cel_eval_error(std::string path, std::string_view json_type, std::string_view cause,
                          std::string_view message);
// `path: Forbidden: message` (reason FieldValueForbidden).
FieldError cel_forbidden(std::string path, std::string message);
// `path: Required value: message` (reason FieldValueRequired).
FieldError cel_required(std::string path, std::string message);
// `path: Duplicate value: "object"` (reason FieldValueDuplicate: the message is not shown).
FieldError cel_duplicate(std::string path, std::string_view json_type);

// Path builders: child("spec", "listeners") is "spec.listeners"; index("spec.rules", 0) is
// "spec.rules[0]"; key("spec.labels", "a/b") is "spec.labels[a/b]".
std::string child(const std::string& path, std::string_view name);
std::string index(const std::string& path, size_t i);
std::string key(const std::string& path, std::string_view map_key);

// Rules the CRDs repeat wherever a shared type appears. Each takes the value the rule is written
// on and that value's path.

// The rules on the listeners of a Gateway or a ListenerSet, then those on each listener's tls.
void check_listeners(const google::protobuf::RepeatedPtrField<gateway::v1::Listener>& listeners,
                     const std::string& path, std::vector<FieldError>& errors);

// The rules on the validation of a BackendTLSPolicy or an XBackend's tls, then those on each of
// its subjectAltNames.
void check_tls_validation(const gateway::v1::BackendTLSPolicyValidation& validation,
                          const std::string& path, std::vector<FieldError>& errors);

// The transition rule `self == oldSelf` on spec.controllerName (GatewayClass, XMesh), on an update
// from `old_object` to `new_object`, both of type Kind.
template <typename Kind>
void check_controller_name_immutable(const google::protobuf::Message& old_object,
                                     const google::protobuf::Message& new_object,
                                     std::vector<FieldError>& errors) {
  if (static_cast<const Kind&>(old_object).spec().controller_name() !=
      static_cast<const Kind&>(new_object).spec().controller_name())
    errors.push_back(cel_error("spec.controllerName", kJsonString, "Value is immutable"));
}

}  // namespace lintel::api::detail
