#include "pending_status.h"

namespace lintel::conversion::detail {

namespace {

void add_pending(google::protobuf::RepeatedPtrField<meta::v1::Condition>& conditions,
                 const char* type) {
  meta::v1::Condition* condition = conditions.Add();
  condition->set_type(type);
  condition->set_status("Unknown");
  condition->set_last_transition_time("1970-01-01T00:00:00Z");
  condition->set_reason("Pending");
  condition->set_message("Waiting for controller");
}

}  // namespace

void set_pending_status(gateway::v1::GatewayClass& gateway_class) {
  add_pending(*gateway_class.mutable_status()->mutable_conditions(), "Accepted");
}

void set_pending_status(gateway::v1::Gateway& gateway) {
  auto& conditions = *gateway.mutable_status()->mutable_conditions();
  add_pending(conditions, "Accepted");
  add_pending(conditions, "Programmed");
}

}  // namespace lintel::conversion::detail
