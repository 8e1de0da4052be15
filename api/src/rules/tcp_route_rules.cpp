#include "lintel/gateway/v1/tcp_route.pb.h"
#include "route_rules_common.h"
#include "rules.h"

namespace lintel::api::detail {

// The rules of v1, the version Lintel stores; v1alpha2 also has the rule-name uniqueness rule,
// which v1's single rule makes moot.
void check_tcp_route_rules(const google::protobuf::Message& object,
                           std::vector<FieldError>& errors) {
  const auto& spec = static_cast<const gateway::v1::TCPRoute&>(object).spec();
  check_parent_refs(spec.parent_refs(), "spec.parentRefs", errors);
  check_plain_backend_refs(spec.rules(), "spec.rules", errors);
}

}  // namespace lintel::api::detail
