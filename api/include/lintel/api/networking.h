#pragma once

#include "lintel/networking/v1/ingress.pb.h"
#include "lintel/networking/v1/ingress_class.pb.h"

// The networking.k8s.io/v1 kinds Lintel reads (generated from api/proto), and what their users
// share about them.
namespace lintel::api {

using Ingress = networking::v1::Ingress;
using IngressClass = networking::v1::IngressClass;
using IngressBackend = networking::v1::IngressBackend;
using IngressServiceBackend = networking::v1::IngressServiceBackend;
using HTTPIngressPath = networking::v1::HTTPIngressPath;

inline constexpr const char* kIsDefaultClassAnnotation =
    "ingressclass.kubernetes.io/is-default-class";

// Whether the IngressClass is the cluster's default (annotated so, with "true").
bool is_default_class(const networking::v1::IngressClass& ingress_class);

}  // namespace lintel::api
