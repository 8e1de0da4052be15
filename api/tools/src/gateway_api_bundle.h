#pragma once

#include <string_view>

// What the CRDs of Gateway API's own groups carry besides their schema, so that they install
// where upstream's would: the API server refuses a CRD in a *.k8s.io group without an approval
// annotation, and upstream's safe-upgrades ValidatingAdmissionPolicy refuses a CRD without a
// channel and a recent enough bundle version.
namespace lintel::crdgen {

// The Gateway API release whose CRDs ours stand in for (../shared/reference/gateway-api).
inline constexpr std::string_view kGatewayApiBundleVersion = "v1.6.1";
// Where Kubernetes approved the Gateway API groups; upstream's CRDs cite the same.
inline constexpr std::string_view kGatewayApiApproval =
    "https://github.com/kubernetes-sigs/gateway-api/pull/4530";

constexpr bool is_gateway_api_group(std::string_view group) {
  return group == "gateway.networking.k8s.io" || group == "gateway.networking.x-k8s.io";
}

}  // namespace lintel::crdgen
