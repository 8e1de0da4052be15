#include <algorithm>

#include "cel_error.h"
#include "lintel/gateway/v1/backend_tls_policy.pb.h"
#include "rules.h"

namespace lintel::api::detail {

namespace {

using gateway::v1::LocalPolicyTargetReferenceWithSectionName;
using TargetRefs = google::protobuf::RepeatedPtrField<LocalPolicyTargetReferenceWithSectionName>;

bool same_target(const LocalPolicyTargetReferenceWithSectionName& a,
                 const LocalPolicyTargetReferenceWithSectionName& b) {
  return a.group() == b.group() && a.kind() == b.kind() && a.name() == b.name();
}

bool whole_target(const LocalPolicyTargetReferenceWithSectionName& ref) {
  return !ref.has_section_name() || ref.section_name().empty();
}

// Two references to one target both name a section or both leave it out.
bool sections_given_alike(const TargetRefs& refs) {
  return std::all_of(refs.begin(), refs.end(), [&](const auto& p1) {
    return std::all_of(refs.begin(), refs.end(), [&](const auto& p2) {
      return !same_target(p1, p2) || whole_target(p1) == whole_target(p2);
    });
  });
}

bool same_section(const LocalPolicyTargetReferenceWithSectionName& a,
                  const LocalPolicyTargetReferenceWithSectionName& b) {
  return (whole_target(a) && whole_target(b)) ||
         (a.has_section_name() && b.has_section_name() && a.section_name() == b.section_name());
}

bool sections_unique(const TargetRefs& refs) {
  return std::all_of(refs.begin(), refs.end(), [&](const auto& p1) {
    return std::count_if(refs.begin(), refs.end(), [&](const auto& p2) {
             return same_target(p1, p2) && same_section(p1, p2);
           }) == 1;
  });
}

void check_target_refs(const TargetRefs& refs, const std::string& path,
                       std::vector<FieldError>& errors) {
  if (!sections_given_alike(refs)) {
    errors.push_back(cel_error(path, kJsonArray,
                               "sectionName must be specified when targetRefs includes 2 or more "
                               "references to the same target"));
  }
  if (!sections_unique(refs)) {
    errors.push_back(cel_error(path, kJsonArray,
                               "sectionName must be unique when targetRefs includes 2 or more "
                               "references to the same target"));
  }
}

}  // namespace

void check_backend_tls_policy_rules(const google::protobuf::Message& object,
                                    std::vector<FieldError>& errors) {
  const auto& spec = static_cast<const gateway::v1::BackendTLSPolicy&>(object).spec();
  check_target_refs(spec.target_refs(), "spec.targetRefs", errors);
  check_tls_validation(spec.validation(), "spec.validation", errors);
}

}  // namespace lintel::api::detail
