#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lintel/api/gateway.h"
#include "lintel/api/schema_object.h"

// Native Gateway API objects (decoded schema messages) as the controller's model (gateway.h),
// the same model the Ingress conversion produces. The model carries what the translator serves
// today; whatever else an object asks for is named in `unsupported`, so that it is reported and
// never silently ignored.
namespace lintel::api {

std::optional<GatewayClass> gateway_class_model(const SchemaObject& object);
std::optional<Gateway> gateway_model(const SchemaObject& object,
                                     std::vector<std::string>& unsupported);
std::optional<HTTPRoute> http_route_model(const SchemaObject& object,
                                          std::vector<std::string>& unsupported);

}  // namespace lintel::api
