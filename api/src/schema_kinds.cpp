#include <array>

#include "lintel/api/schema.h"
#include "lintel/coordination/v1/lease.pb.h"
#include "lintel/core/v1/config_map.pb.h"
#include "lintel/core/v1/namespace.pb.h"
#include "lintel/core/v1/secret.pb.h"
#include "lintel/core/v1/service.pb.h"
#include "lintel/discovery/v1/endpoint_slice.pb.h"
#include "lintel/gateway/v1/backend_tls_policy.pb.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/grpc_route.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/gateway/v1/listener_set.pb.h"
#include "lintel/gateway/v1/reference_grant.pb.h"
#include "lintel/gateway/v1/tcp_route.pb.h"
#include "lintel/gateway/v1/tls_route.pb.h"
#include "lintel/gateway/v1/udp_route.pb.h"
#include "lintel/gatewayx/v1alpha1/x_backend.pb.h"
#include "lintel/gatewayx/v1alpha1/x_backend_traffic_policy.pb.h"
#include "lintel/gatewayx/v1alpha1/x_mesh.pb.h"
#include "lintel/networking/v1/ingress.pb.h"
#include "lintel/networking/v1/ingress_class.pb.h"

namespace lintel::api {

std::span<const google::protobuf::Descriptor* const> schema_kinds() {
  // Naming each message here also keeps its generated code linked in.
  static const std::array kinds = {
      gateway::v1::GatewayClass::descriptor(),
      gateway::v1::Gateway::descriptor(),
      gateway::v1::ListenerSet::descriptor(),
      gateway::v1::HTTPRoute::descriptor(),
      gateway::v1::GRPCRoute::descriptor(),
      gateway::v1::TLSRoute::descriptor(),
      gateway::v1::TCPRoute::descriptor(),
      gateway::v1::UDPRoute::descriptor(),
      gateway::v1::ReferenceGrant::descriptor(),
      gateway::v1::BackendTLSPolicy::descriptor(),
      gatewayx::v1alpha1::XBackend::descriptor(),
      gatewayx::v1alpha1::XBackendTrafficPolicy::descriptor(),
      gatewayx::v1alpha1::XMesh::descriptor(),
      core::v1::Secret::descriptor(),
      core::v1::ConfigMap::descriptor(),
      core::v1::Service::descriptor(),
      core::v1::Namespace::descriptor(),
      discovery::v1::EndpointSlice::descriptor(),
      networking::v1::Ingress::descriptor(),
      networking::v1::IngressClass::descriptor(),
      coordination::v1::Lease::descriptor(),
  };
  return kinds;
}

}  // namespace lintel::api
