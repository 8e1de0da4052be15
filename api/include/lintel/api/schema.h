#pragma once

#include <google/protobuf/descriptor.h>

#include <span>

// The object model's kinds, each a generated message annotated with lintel.openapi.v1 options.
namespace lintel::api {

// Every kind, Gateway API first, in a fixed order (CRD generation and tests rely on it).
std::span<const google::protobuf::Descriptor* const> schema_kinds();

}  // namespace lintel::api
