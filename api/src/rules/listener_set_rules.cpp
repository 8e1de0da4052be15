#include "cel_error.h"
#include "lintel/gateway/v1/listener_set.pb.h"
#include "rules.h"

namespace lintel::api::detail {

void check_listener_set_rules(const google::protobuf::Message& object,
                              std::vector<FieldError>& errors) {
  const auto& listener_set = static_cast<const gateway::v1::ListenerSet&>(object);
  check_listeners(listener_set.spec().listeners(), "spec.listeners", errors);
}

}  // namespace lintel::api::detail
