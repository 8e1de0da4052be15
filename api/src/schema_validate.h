#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "lintel/api/validate.h"

// The OpenAPI constraints of the schema (required, enum, pattern, lengths, bounds, item counts,
// list uniqueness, formats), checked on a decoded message with the API server's words for a CRD:
// `spec.hostnames[0]: Invalid value: "Foo": spec.hostnames[0] in body should match '...'`.
namespace lintel::api::detail {

// `version` is the apiVersion's version the object was written in ("v1alpha2"): older versions
// may bound a field differently (FieldSchema.version_overrides). With `standard_channel`, enums
// and patterns are the standard channel CRDs' (FieldSchema.standard_enum, experimental_pattern).
void validate_schema_message(const google::protobuf::Message& message, const std::string& path,
                             const std::string& version, bool standard_channel,
                             std::vector<FieldError>& errors);

// RFC 3339 date-time, as OpenAPI's `format: date-time` accepts it.
bool is_date_time(std::string_view text);

}  // namespace lintel::api::detail
