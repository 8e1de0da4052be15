#pragma once

#include <string>
#include <variant>

#include "lintel/api/core.h"
#include "lintel/api/networking.h"
#include "lintel/api/schema_object.h"

namespace lintel::api {

// Every kind Lintel decodes: the hand-written core and networking kinds, and every kind of the
// schema (SchemaObject). A new schema kind needs no change here, only its .proto.
using Object = std::variant<Namespace, Service, EndpointSlice, Ingress, IngressClass, SchemaObject>;

const ObjectMeta& meta_of(const Object& object);
ObjectMeta& meta_of(Object& object);
ObjectKey key_of(const Object& object);

}  // namespace lintel::api
