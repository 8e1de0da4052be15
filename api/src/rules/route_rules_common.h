#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "cel_error.h"
#include "lintel/api/validate.h"
#include "lintel/gateway/v1/shared.pb.h"

// The CEL rules that several route kinds share, each written once and called at every place the
// CRDs repeat it. Each check takes the value the rule is written on and that value's path.
namespace lintel::api::detail {

using ParentRefs = google::protobuf::RepeatedPtrField<gateway::v1::ParentReference>;

// CEL's exists_one: exactly one element satisfies the predicate.
template <typename List, typename Predicate>
bool exists_one(const List& list, Predicate predicate) {
  return std::count_if(list.begin(), list.end(), predicate) == 1;
}

template <typename List, typename Predicate>
bool exists(const List& list, Predicate predicate) {
  return std::any_of(list.begin(), list.end(), predicate);
}

// The two rules on spec.parentRefs of every route kind.
void check_parent_refs(const ParentRefs& refs, const std::string& path,
                       std::vector<FieldError>& errors);

bool service_without_port(std::string_view group, std::string_view kind, bool has_port);

// "Must have port for Service reference", on every kind of backend reference.
template <typename Ref>
void check_service_port(const Ref& ref, const std::string& path, std::vector<FieldError>& errors) {
  if (service_without_port(ref.group(), ref.kind(), ref.has_port()))
    errors.push_back(cel_error(path, kJsonObject, "Must have port for Service reference"));
}

void check_unique_names(const std::vector<const std::string*>& names, const std::string& path,
                        std::vector<FieldError>& errors);

// "Rule name must be unique within the route", on spec.rules.
template <typename Rules>
void check_unique_rule_names(const Rules& rules, const std::string& path,
                             std::vector<FieldError>& errors) {
  std::vector<const std::string*> names;
  for (const auto& rule : rules) names.push_back(rule.has_name() ? &rule.name() : nullptr);
  check_unique_names(names, path, errors);
}

void check_total_matches(int total, const std::string& path, std::vector<FieldError>& errors);

// The bound on the matches of all rules together, on spec.rules of HTTPRoute and GRPCRoute.
template <typename Rules>
void check_total_matches(const Rules& rules, const std::string& path,
                         std::vector<FieldError>& errors) {
  int total = 0;
  for (const auto& rule : rules) total += rule.matches_size();
  check_total_matches(total, path, errors);
}

// "<type> filter cannot be repeated", on a list of filters.
template <typename Filters>
void check_not_repeated(const Filters& filters, std::string_view type, const std::string& path,
                        std::vector<FieldError>& errors) {
  auto of_type = [&](const auto& filter) { return filter.type() == type; };
  if (std::count_if(filters.begin(), filters.end(), of_type) > 1)
    errors.push_back(cel_error(path, kJsonArray, std::string(type) + " filter cannot be repeated"));
}

// The pair of rules tying a filter's member to its type: `member` (e.g. requestHeaderModifier)
// is set exactly when the filter's type is `member_type` (e.g. RequestHeaderModifier).
void check_filter_member(bool present, const std::string& filter_type, std::string_view member,
                         std::string_view member_type, const std::string& path,
                         std::vector<FieldError>& errors);

// The RequestMirror filter's rules (on it, its backendRef and its fraction).
void check_request_mirror(const gateway::v1::HTTPRequestMirrorFilter& mirror,
                          const std::string& path, std::vector<FieldError>& errors);

// The rules on a rule's sessionPersistence.
void check_session_persistence(const gateway::v1::SessionPersistence& persistence,
                               const std::string& path, std::vector<FieldError>& errors);

// The members of the filters that HTTPRoute and GRPCRoute share, in their rules' order.
template <typename Filter>
void check_header_modifier_members(const Filter& filter, const std::string& path,
                                   std::vector<FieldError>& errors) {
  check_filter_member(filter.has_request_header_modifier(), filter.type(), "requestHeaderModifier",
                      "RequestHeaderModifier", path, errors);
  check_filter_member(filter.has_response_header_modifier(), filter.type(),
                      "responseHeaderModifier", "ResponseHeaderModifier", path, errors);
}

template <typename Filter>
void check_request_mirror_member(const Filter& filter, const std::string& path,
                                 std::vector<FieldError>& errors) {
  check_filter_member(filter.has_request_mirror(), filter.type(), "requestMirror", "RequestMirror",
                      path, errors);
}

template <typename Filter>
void check_extension_ref_member(const Filter& filter, const std::string& path,
                                std::vector<FieldError>& errors) {
  check_filter_member(filter.has_extension_ref(), filter.type(), "extensionRef", "ExtensionRef",
                      path, errors);
}

// The rules a list of backendRefs of TLSRoute, TCPRoute or UDPRoute carries: the Service port.
template <typename Rules>
void check_plain_backend_refs(const Rules& rules, const std::string& rules_path,
                              std::vector<FieldError>& errors) {
  for (int i = 0; i < rules.size(); ++i) {
    std::string refs_path = child(index(rules_path, i), "backendRefs");
    const auto& refs = rules.Get(i).backend_refs();
    for (int j = 0; j < refs.size(); ++j)
      check_service_port(refs.Get(j), index(refs_path, j), errors);
  }
}

}  // namespace lintel::api::detail
