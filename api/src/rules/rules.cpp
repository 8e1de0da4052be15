#include "rules.h"

#include <unordered_map>

#include "cel_error.h"
#include "lintel/core/v1/secret.pb.h"
#include "lintel/core/v1/service.pb.h"
#include "lintel/discovery/v1/endpoint_slice.pb.h"
#include "lintel/gateway/v1/backend_tls_policy.pb.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/grpc_route.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/gateway/v1/listener_set.pb.h"
#include "lintel/gateway/v1/tcp_route.pb.h"
#include "lintel/gateway/v1/tls_route.pb.h"
#include "lintel/gateway/v1/udp_route.pb.h"
#include "lintel/gatewayx/v1alpha1/x_backend.pb.h"
#include "lintel/gatewayx/v1alpha1/x_backend_traffic_policy.pb.h"
#include "lintel/gatewayx/v1alpha1/x_mesh.pb.h"
#include "lintel/networking/v1/ingress.pb.h"

namespace lintel::api::detail {

KindRules rules_for(const google::protobuf::Descriptor* kind) {
  static const std::unordered_map<const google::protobuf::Descriptor*, KindRules> rules = {
      {gateway::v1::GatewayClass::descriptor(), check_gateway_class_rules},
      {gateway::v1::Gateway::descriptor(), check_gateway_rules},
      {gateway::v1::ListenerSet::descriptor(), check_listener_set_rules},
      {gateway::v1::BackendTLSPolicy::descriptor(), check_backend_tls_policy_rules},
      {gatewayx::v1alpha1::XBackend::descriptor(), check_x_backend_rules},
      {gatewayx::v1alpha1::XBackendTrafficPolicy::descriptor(),
       check_x_backend_traffic_policy_rules},
      {gatewayx::v1alpha1::XMesh::descriptor(), check_x_mesh_rules},
      {core::v1::Secret::descriptor(), check_secret_rules},
      {core::v1::Service::descriptor(), check_service_rules},
      {discovery::v1::EndpointSlice::descriptor(), check_endpoint_slice_rules},
      {networking::v1::Ingress::descriptor(), check_ingress_rules},
      {gateway::v1::HTTPRoute::descriptor(), check_http_route_rules},
      {gateway::v1::GRPCRoute::descriptor(), check_grpc_route_rules},
      {gateway::v1::TLSRoute::descriptor(), check_tls_route_rules},
      {gateway::v1::TCPRoute::descriptor(), check_tcp_route_rules},
      {gateway::v1::UDPRoute::descriptor(), check_udp_route_rules},
  };
  auto it = rules.find(kind);
  return it == rules.end() ? nullptr : it->second;
}

TransitionRules transition_rules_for(const google::protobuf::Descriptor* kind) {
  if (kind == gateway::v1::GatewayClass::descriptor())
    return check_controller_name_immutable<gateway::v1::GatewayClass>;
  if (kind == gatewayx::v1alpha1::XMesh::descriptor())
    return check_controller_name_immutable<gatewayx::v1alpha1::XMesh>;
  return nullptr;
}

}  // namespace lintel::api::detail
