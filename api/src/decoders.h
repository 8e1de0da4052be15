#pragma once

#include "lintel/api/object.h"
#include "map_reader.h"

// One decoder per kind. Each reads the object's root mapping (apiVersion and kind already
// consumed) into its typed struct; problems go to the reader's context.
namespace lintel::api::detail {

void read_object_meta(MapReader& root, ObjectMeta& out);
void ignore_status(MapReader& root);

Namespace decode_namespace(MapReader& root);
Service decode_service(MapReader& root);
EndpointSlice decode_endpoint_slice(MapReader& root);
Ingress decode_ingress(MapReader& root);
IngressClass decode_ingress_class(MapReader& root);

}  // namespace lintel::api::detail
