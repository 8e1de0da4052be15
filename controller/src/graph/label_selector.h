#pragma once

#include <map>
#include <string>

#include "lintel/meta/v1/meta.pb.h"

namespace lintel::controller::graph {

// metav1.LabelSelector semantics: every matchLabels pair and every matchExpressions requirement
// (In, NotIn, Exists, DoesNotExist) must hold; an empty selector selects everything, and a
// requirement with an unknown operator selects nothing.
bool selector_matches(const meta::v1::LabelSelector& selector,
                      const std::map<std::string, std::string>& labels);

}  // namespace lintel::controller::graph
