#pragma once

#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"

// The status the API server gives a new GatewayClass or Gateway (the schema's default, which the
// decoder fills in too): every condition Unknown, "Waiting for controller". Converted objects
// carry it so that they equal what decoding their YAML gives.
namespace lintel::conversion::detail {

void set_pending_status(gateway::v1::GatewayClass& gateway_class);
void set_pending_status(gateway::v1::Gateway& gateway);

}  // namespace lintel::conversion::detail
