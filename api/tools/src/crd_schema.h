#pragma once

#include <google/protobuf/descriptor.h>

#include <set>
#include <string>
#include <string_view>

#include "channel.h"
#include "yaml_value.h"

// The OpenAPI v3 schema of schema messages, from their lintel.openapi.v1.field options.
namespace lintel::crdgen {

// Which CRD version a schema is for: fields and constraints differ by channel, and older
// versions may override a field's constraints (FieldSchema.version_overrides).
struct SchemaTarget {
  Channel channel = Channel::kExperimental;
  std::string_view version;
};

// A kind's openAPIV3Schema: its message, with apiVersion, kind and metadata as every CRD has them.
YamlValue kind_schema(const google::protobuf::Descriptor* kind, const SchemaTarget& target);

// A nested message: `type: object`, its properties and the required ones.
YamlValue message_schema(const google::protobuf::Descriptor* message, const SchemaTarget& target);

// Every version named by a version override in the message or the messages it holds.
std::set<std::string> overridden_versions(const google::protobuf::Descriptor* message);

}  // namespace lintel::crdgen
