#include "label_selector.h"

#include <algorithm>

namespace lintel::controller::graph {

namespace {

bool requirement_holds(const meta::v1::LabelSelectorRequirement& requirement,
                       const std::map<std::string, std::string>& labels) {
  auto label = labels.find(requirement.key());
  bool present = label != labels.end();
  auto listed = [&] {
    return present && std::find(requirement.values().begin(), requirement.values().end(),
                                label->second) != requirement.values().end();
  };
  const std::string& op = requirement.operator_();
  if (op == "In") return listed();
  if (op == "NotIn") return !listed();
  if (op == "Exists") return present;
  if (op == "DoesNotExist") return !present;
  return false;
}

}  // namespace

bool selector_matches(const meta::v1::LabelSelector& selector,
                      const std::map<std::string, std::string>& labels) {
  for (const auto& [key, value] : selector.match_labels()) {
    auto label = labels.find(key);
    if (label == labels.end() || label->second != value) return false;
  }
  return std::all_of(
      selector.match_expressions().begin(), selector.match_expressions().end(),
      [&](const auto& requirement) { return requirement_holds(requirement, labels); });
}

}  // namespace lintel::controller::graph
