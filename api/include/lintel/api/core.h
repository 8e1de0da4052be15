#pragma once

#include "lintel/core/v1/config_map.pb.h"
#include "lintel/core/v1/namespace.pb.h"
#include "lintel/core/v1/service.pb.h"
#include "lintel/discovery/v1/endpoint_slice.pb.h"

// The core/v1 and discovery.k8s.io/v1 kinds Lintel reads (generated from api/proto), and what
// their users share about them.
namespace lintel::api {

using ConfigMap = core::v1::ConfigMap;
using Namespace = core::v1::Namespace;
using Service = core::v1::Service;
using ServicePort = core::v1::ServicePort;
using EndpointSlice = discovery::v1::EndpointSlice;

// Names the Service an EndpointSlice belongs to, exactly as in a cluster.
inline constexpr const char* kServiceNameLabel = "kubernetes.io/service-name";

}  // namespace lintel::api
