#pragma once

#include <string>
#include <variant>

#include "lintel/api/core.h"
#include "lintel/api/gateway.h"
#include "lintel/api/networking.h"

namespace lintel::api {

// Every kind Lintel decodes. A new kind is one more alternative here and one row in the
// decoder's kind table.
using Object = std::variant<Namespace, Service, EndpointSlice, Ingress, IngressClass>;

const ObjectMeta& meta_of(const Object& object);
ObjectMeta& meta_of(Object& object);
ObjectKey key_of(const Object& object);

}  // namespace lintel::api
