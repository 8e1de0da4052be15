#pragma once

#include <string>
#include <variant>

#include "lintel/api/schema_object.h"

namespace lintel::api {

// Every kind Lintel decodes is a kind of the schema (api/proto): a new kind needs no change here,
// only its .proto.
using Object = std::variant<SchemaObject>;

// The object as its generated type (core::v1::Service, ...), or null when it is another kind.
template <typename T>
const T* object_as(const Object& object) {
  const SchemaObject* schema_object = std::get_if<SchemaObject>(&object);
  return schema_object ? schema_object->as<T>() : nullptr;
}

const ObjectMeta& meta_of(const Object& object);
ObjectMeta& meta_of(Object& object);
ObjectKey key_of(const Object& object);

}  // namespace lintel::api
