#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "lintel/meta/v1/meta.pb.h"

namespace lintel::controller::graph {

using Conditions = google::protobuf::RepeatedPtrField<meta::v1::Condition>;

// A condition as the graph states it: lastTransitionTime is left empty for the status writer.
meta::v1::Condition make_condition(std::string_view type, bool status, std::string_view reason,
                                   std::string_view message, std::int64_t observed_generation);

// Merges freshly computed conditions into those an object already has, as Gateway API asks:
// - a condition keeps its lastTransitionTime while its status stays the same, else gets `now`;
// - a condition whose observedGeneration is newer than the fresh one is left alone (the fresh
//   one was computed from a stale copy of the object);
// - conditions of other types (another controller's) stay, in their place; new types follow.
Conditions merge_conditions(const Conditions& previous, const Conditions& next,
                            std::string_view now);

}  // namespace lintel::controller::graph
