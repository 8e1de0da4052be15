#include "gateway_classes.h"

#include "conditions.h"
#include "problem.h"

namespace lintel::controller::graph {

GatewayClassNode check_gateway_class(const gw::GatewayClass& gateway_class) {
  std::int64_t generation = gateway_class.metadata().generation();
  GatewayClassNode out;
  out.gateway_class = &gateway_class;
  out.accepted = !gateway_class.spec().has_parameters_ref();
  auto* conditions = out.status.mutable_conditions();
  if (out.accepted) {
    *conditions->Add() =
        make_condition("Accepted", true, "Accepted", "GatewayClass is accepted", generation);
  } else {
    const auto& ref = gateway_class.spec().parameters_ref();
    *conditions->Add() =
        make_condition("Accepted", false, "InvalidParameters",
                       "parametersRef " + kind_name(ref.group(), ref.kind()) + " " + ref.name() +
                           " cannot be used: Lintel has no parameters kind",
                       generation);
  }
  *conditions->Add() = make_condition("SupportedVersion", true, "SupportedVersion",
                                      "Gateway API version is supported", generation);
  return out;
}

}  // namespace lintel::controller::graph
