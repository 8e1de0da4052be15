#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <vector>

#include "lintel/api/validate.h"

// The CEL rules (x-kubernetes-validations) of the Gateway API CRDs and the built-in rules of core
// kinds, written in C++: the API server would run them before any controller sees an object, so
// Lintel runs them after the OpenAPI checks. One file per kind; each appends to `errors` in the
// API server's words.
namespace lintel::api::detail {

using KindRules = void (*)(const google::protobuf::Message& object,
                           std::vector<FieldError>& errors);

// The rules of a kind, or null when it has none.
KindRules rules_for(const google::protobuf::Descriptor* kind);

// Transition rules (`oldSelf`): an update from the stored object to a new one of the same kind.
using TransitionRules = void (*)(const google::protobuf::Message& old_object,
                                 const google::protobuf::Message& new_object,
                                 std::vector<FieldError>& errors);

// The transition rules of a kind, or null when it has none.
TransitionRules transition_rules_for(const google::protobuf::Descriptor* kind);

void check_gateway_class_rules(const google::protobuf::Message& object,
                               std::vector<FieldError>& errors);
void check_gateway_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors);
void check_listener_set_rules(const google::protobuf::Message& object,
                              std::vector<FieldError>& errors);
void check_backend_tls_policy_rules(const google::protobuf::Message& object,
                                    std::vector<FieldError>& errors);
void check_x_backend_rules(const google::protobuf::Message& object,
                           std::vector<FieldError>& errors);
void check_x_backend_traffic_policy_rules(const google::protobuf::Message& object,
                                          std::vector<FieldError>& errors);
void check_x_mesh_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors);
void check_ingress_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors);
void check_service_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors);
void check_endpoint_slice_rules(const google::protobuf::Message& object,
                                std::vector<FieldError>& errors);
void check_secret_rules(const google::protobuf::Message& object, std::vector<FieldError>& errors);
void check_http_route_rules(const google::protobuf::Message& object,
                            std::vector<FieldError>& errors);
void check_grpc_route_rules(const google::protobuf::Message& object,
                            std::vector<FieldError>& errors);
void check_tls_route_rules(const google::protobuf::Message& object,
                           std::vector<FieldError>& errors);
void check_tcp_route_rules(const google::protobuf::Message& object,
                           std::vector<FieldError>& errors);
void check_udp_route_rules(const google::protobuf::Message& object,
                           std::vector<FieldError>& errors);

}  // namespace lintel::api::detail
