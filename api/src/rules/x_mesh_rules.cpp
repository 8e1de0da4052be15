#include "rules.h"

namespace lintel::api::detail {

// XMesh's one rule, spec.controllerName `self == oldSelf`, compares an update with the stored
// object: a manifest alone has nothing to compare with (transition_rules_for has it).
void check_x_mesh_rules(const google::protobuf::Message&, std::vector<FieldError>&) {}

}  // namespace lintel::api::detail
