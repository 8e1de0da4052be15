#include <re2/re2.h>

#include "lintel/gateway/v1/grpc_route.pb.h"
#include "route_rules_common.h"
#include "rules.h"

namespace lintel::api::detail {

namespace {

using gateway::v1::GRPCMethodMatch;
using gateway::v1::GRPCRoute;
using gateway::v1::GRPCRouteFilter;
using gateway::v1::GRPCRouteRule;
using Errors = std::vector<FieldError>;
using Filters = google::protobuf::RepeatedPtrField<GRPCRouteFilter>;

bool valid_service(const std::string& service) {
  static const RE2 pattern(R"(^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$)");
  return RE2::PartialMatch(service, pattern);
}

bool valid_method(const std::string& method) {
  static const RE2 pattern(R"(^[A-Za-z_][A-Za-z_0-9]*$)");
  return RE2::PartialMatch(method, pattern);
}

void check_method_match(const GRPCMethodMatch& match, const std::string& path, Errors& errors) {
  if (match.has_type() && !match.has_service() && !match.has_method()) {
    errors.push_back(
        cel_error(path, kJsonObject, "One or both of 'service' or 'method' must be specified"));
  }
  // Only an exact match is a name; a regular expression may hold any character.
  const bool exact = !match.has_type() || match.type() == "Exact";
  if (exact && match.has_service() && !valid_service(match.service())) {
    errors.push_back(cel_error(
        path, kJsonObject,
        R"(service must only contain valid characters (matching ^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$))"));
  }
  if (exact && match.has_method() && !valid_method(match.method())) {
    errors.push_back(
        cel_error(path, kJsonObject,
                  "method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)"));
  }
}

void check_filter(const GRPCRouteFilter& filter, const std::string& path, Errors& errors) {
  check_header_modifier_members(filter, path, errors);
  check_request_mirror_member(filter, path, errors);
  check_extension_ref_member(filter, path, errors);
  if (filter.has_request_mirror())
    check_request_mirror(filter.request_mirror(), child(path, "requestMirror"), errors);
}

// The rules on a list of filters (of a rule or of a backendRef), then those on each filter.
void check_filters(const Filters& filters, const std::string& path, Errors& errors) {
  if (filters.empty()) return;
  check_not_repeated(filters, "RequestHeaderModifier", path, errors);
  check_not_repeated(filters, "ResponseHeaderModifier", path, errors);
  for (int i = 0; i < filters.size(); ++i) check_filter(filters.Get(i), index(path, i), errors);
}

void check_rule(const GRPCRouteRule& rule, const std::string& path, Errors& errors) {
  for (int i = 0; i < rule.matches_size(); ++i) {
    if (rule.matches(i).has_method()) {
      check_method_match(rule.matches(i).method(),
                         child(index(child(path, "matches"), i), "method"), errors);
    }
  }
  check_filters(rule.filters(), child(path, "filters"), errors);
  std::string refs_path = child(path, "backendRefs");
  for (int i = 0; i < rule.backend_refs_size(); ++i) {
    const auto& ref = rule.backend_refs(i);
    check_service_port(ref, index(refs_path, i), errors);
    check_filters(ref.filters(), child(index(refs_path, i), "filters"), errors);
  }
  if (rule.has_session_persistence()) {
    check_session_persistence(rule.session_persistence(), child(path, "sessionPersistence"),
                              errors);
  }
}

}  // namespace

// Rules run on a value and then on what it contains, each object's properties in the order the
// schema declares them (the API server's own order between sibling properties is a map's).
void check_grpc_route_rules(const google::protobuf::Message& object, Errors& errors) {
  const auto& spec = static_cast<const GRPCRoute&>(object).spec();
  check_parent_refs(spec.parent_refs(), "spec.parentRefs", errors);
  if (spec.rules().empty()) return;
  check_total_matches(spec.rules(), "spec.rules", errors);
  check_unique_rule_names(spec.rules(), "spec.rules", errors);
  for (int i = 0; i < spec.rules_size(); ++i)
    check_rule(spec.rules(i), index("spec.rules", i), errors);
}

}  // namespace lintel::api::detail
