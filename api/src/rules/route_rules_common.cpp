#include "route_rules_common.h"

namespace lintel::api::detail {

namespace {

using gateway::v1::ParentReference;

// The rules compare an absent namespace, sectionName or port like an empty one (0 for a port).
bool same_parent(const ParentReference& a, const ParentReference& b) {
  return a.group() == b.group() && a.kind() == b.kind() && a.name() == b.name() &&
         a.namespace_() == b.namespace_();
}

bool same_listener(const ParentReference& a, const ParentReference& b) {
  return a.section_name() == b.section_name() && a.port() == b.port();
}

// Two references to one parent must either both name a listener (by sectionName, by port) or
// both leave it out, else one would attach to every listener and the other to one.
bool same_listener_kind(const ParentReference& a, const ParentReference& b) {
  return a.section_name().empty() == b.section_name().empty() && (a.port() == 0) == (b.port() == 0);
}

bool listener_kinds_agree(const ParentRefs& refs) {
  for (const auto& a : refs) {
    for (const auto& b : refs) {
      if (same_parent(a, b) && !same_listener_kind(a, b)) return false;
    }
  }
  return true;
}

bool listeners_unique(const ParentRefs& refs) {
  for (const auto& a : refs) {
    auto same = [&](const ParentReference& b) { return same_parent(a, b) && same_listener(a, b); };
    if (!exists_one(refs, same)) return false;
  }
  return true;
}

}  // namespace

void check_parent_refs(const ParentRefs& refs, const std::string& path,
                       std::vector<FieldError>& errors) {
  if (!listener_kinds_agree(refs)) {
    errors.push_back(cel_error(path, kJsonArray,
                               "sectionName or port must be specified when parentRefs includes 2 "
                               "or more references to the same parent"));
  }
  if (!listeners_unique(refs)) {
    errors.push_back(cel_error(path, kJsonArray,
                               "sectionName or port must be unique when parentRefs includes 2 or "
                               "more references to the same parent"));
  }
}

bool service_without_port(std::string_view group, std::string_view kind, bool has_port) {
  return group.empty() && kind == "Service" && !has_port;
}

void check_unique_names(const std::vector<const std::string*>& names, const std::string& path,
                        std::vector<FieldError>& errors) {
  for (const std::string* name : names) {
    if (!name) continue;
    auto same = [&](const std::string* other) { return other && *other == *name; };
    if (!exists_one(names, same)) {
      errors.push_back(cel_error(path, kJsonArray, "Rule name must be unique within the route"));
      return;
    }
  }
}

void check_total_matches(int total, const std::string& path, std::vector<FieldError>& errors) {
  if (total > 128) {
    errors.push_back(cel_error(path, kJsonArray,
                               "While 16 rules and 64 matches per rule are allowed, the total "
                               "number of matches across all rules in a route must be less than "
                               "128"));
  }
}

void check_filter_member(bool present, const std::string& filter_type, std::string_view member,
                         std::string_view member_type, const std::string& path,
                         std::vector<FieldError>& errors) {
  std::string name = "filter." + std::string(member);
  if (present && filter_type != member_type) {
    errors.push_back(
        cel_error(path, kJsonObject,
                  name + " must be nil if the filter.type is not " + std::string(member_type)));
  }
  if (!present && filter_type == member_type) {
    errors.push_back(
        cel_error(path, kJsonObject,
                  name + " must be specified for " + std::string(member_type) + " filter.type"));
  }
}

void check_request_mirror(const gateway::v1::HTTPRequestMirrorFilter& mirror,
                          const std::string& path, std::vector<FieldError>& errors) {
  if (mirror.has_percent() && mirror.has_fraction()) {
    errors.push_back(
        cel_error(path, kJsonObject,
                  "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter"));
  }
  if (mirror.has_backend_ref())
    check_service_port(mirror.backend_ref(), child(path, "backendRef"), errors);
  if (mirror.has_fraction() && mirror.fraction().numerator() > mirror.fraction().denominator()) {
    errors.push_back(cel_error(child(path, "fraction"), kJsonObject,
                               "numerator must be less than or equal to denominator"));
  }
}

void check_session_persistence(const gateway::v1::SessionPersistence& persistence,
                               const std::string& path, std::vector<FieldError>& errors) {
  const bool has_cookie = persistence.has_cookie_config();
  const auto& cookie = persistence.cookie_config();
  if (has_cookie && cookie.has_lifetime_type() && cookie.lifetime_type() == "Permanent" &&
      !persistence.has_absolute_timeout()) {
    errors.push_back(cel_error(path, kJsonObject,
                               "AbsoluteTimeout must be specified when cookie lifetimeType is "
                               "Permanent"));
  }
  if (has_cookie && persistence.type() != "Cookie") {
    errors.push_back(cel_error(path, kJsonObject, "cookieConfig can only be set with type Cookie"));
  }
}

}  // namespace lintel::api::detail
