#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/support/duration.h"
#include "route_rules_common.h"
#include "rules.h"

namespace lintel::api::detail {

namespace {

using gateway::v1::HTTPPathMatch;
using gateway::v1::HTTPPathModifier;
using gateway::v1::HTTPRoute;
using gateway::v1::HTTPRouteFilter;
using gateway::v1::HTTPRouteRule;
using Errors = std::vector<FieldError>;
using Filters = google::protobuf::RepeatedPtrField<HTTPRouteFilter>;

// --- spec.rules[*].matches[*].path

// A check on the value of an Exact or PathPrefix path match; `bad` says when the rule fails.
struct PathValueRule {
  bool (*bad)(std::string_view value, std::string_view needle);
  std::string_view needle;
  std::string_view message;
};

bool lacks_prefix(std::string_view value, std::string_view needle) {
  return !value.starts_with(needle);
}
bool contains(std::string_view value, std::string_view needle) {
  return value.find(needle) != std::string_view::npos;
}
bool has_suffix(std::string_view value, std::string_view needle) {
  return value.ends_with(needle);
}

// In the CRD's order; the type check and the character check follow them.
constexpr std::array kPathValueRules = {
    PathValueRule{lacks_prefix, "/",
                  "value must be an absolute path and start with '/' when type one of ['Exact', "
                  "'PathPrefix']"},
    PathValueRule{contains, "//", "must not contain '//' when type one of ['Exact', 'PathPrefix']"},
    PathValueRule{contains, "/./",
                  "must not contain '/./' when type one of ['Exact', 'PathPrefix']"},
    PathValueRule{contains, "/../",
                  "must not contain '/../' when type one of ['Exact', 'PathPrefix']"},
    PathValueRule{contains, "%2f",
                  "must not contain '%2f' when type one of ['Exact', 'PathPrefix']"},
    PathValueRule{contains, "%2F",
                  "must not contain '%2F' when type one of ['Exact', 'PathPrefix']"},
    PathValueRule{contains, "#", "must not contain '#' when type one of ['Exact', 'PathPrefix']"},
    PathValueRule{has_suffix, "/..",
                  "must not end with '/..' when type one of ['Exact', 'PathPrefix']"},
    PathValueRule{has_suffix, "/.",
                  "must not end with '/.' when type one of ['Exact', 'PathPrefix']"},
};

bool literal_path_type(std::string_view type) {
  return type == "Exact" || type == "PathPrefix";
}

bool valid_path_characters(const std::string& value) {
  static const RE2 pattern(R"(^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$)");
  return RE2::PartialMatch(value, pattern);
}

void check_path_match(const HTTPPathMatch& match, const std::string& path, Errors& errors) {
  const bool literal = literal_path_type(match.type());
  for (const auto& rule : kPathValueRules) {
    if (literal && rule.bad(match.value(), rule.needle))
      errors.push_back(cel_error(path, kJsonObject, std::string(rule.message)));
  }
  // The schema's enum already rejects any other type; the CRD checks it again.
  if (!literal && match.type() != "RegularExpression") {
    errors.push_back(cel_error(path, kJsonObject,
                               "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']"));
  }
  if (literal && !valid_path_characters(match.value())) {
    errors.push_back(cel_error(path, kJsonObject,
                               "must only contain valid characters (matching "
                               "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types "
                               "['Exact', 'PathPrefix']"));
  }
}

// --- filters

// requestRedirect.path and urlRewrite.path: the type names which replacement is set.
void check_path_modifier(const HTTPPathModifier& modifier, const std::string& path,
                         Errors& errors) {
  auto check = [&](std::string_view type, bool has_value, std::string_view value_field) {
    const std::string type_name(type);
    const std::string field(value_field);
    if (modifier.type() == type && !has_value) {
      errors.push_back(cel_error(
          path, kJsonObject, field + " must be specified when type is set to '" + type_name + "'"));
    }
    if (has_value && modifier.type() != type) {
      errors.push_back(cel_error(path, kJsonObject,
                                 "type must be '" + type_name + "' when " + field + " is set"));
    }
  };
  check("ReplaceFullPath", modifier.has_replace_full_path(), "replaceFullPath");
  check("ReplacePrefixMatch", modifier.has_replace_prefix_match(), "replacePrefixMatch");
}

// allowOrigins, allowMethods, allowHeaders: "*" stands alone.
void check_wildcard_alone(const google::protobuf::RepeatedPtrField<std::string>& list,
                          const std::string& path, std::string_view message, Errors& errors) {
  if (list.size() > 1 && exists(list, [](const std::string& item) { return item == "*"; }))
    errors.push_back(cel_error(path, kJsonArray, std::string(message)));
}

void check_cors(const gateway::v1::HTTPCORSFilter& cors, const std::string& path, Errors& errors) {
  check_wildcard_alone(cors.allow_origins(), child(path, "allowOrigins"),
                       "AllowOrigins cannot contain '*' alongside other origins", errors);
  check_wildcard_alone(cors.allow_methods(), child(path, "allowMethods"),
                       "AllowMethods cannot contain '*' alongside other methods", errors);
  check_wildcard_alone(cors.allow_headers(), child(path, "allowHeaders"),
                       "AllowHeaders cannot contain '*' alongside other methods", errors);
}

void check_external_auth(const gateway::v1::HTTPExternalAuthFilter& auth, const std::string& path,
                         Errors& errors) {
  auto check = [&](std::string_view protocol, bool has_config, std::string_view config) {
    const std::string protocol_name(protocol);
    const std::string field(config);
    if (auth.protocol() == protocol && !has_config) {
      errors.push_back(
          cel_error(path, kJsonObject,
                    field + " must be specified when protocol is set to '" + protocol_name + "'"));
    }
    if (has_config && auth.protocol() != protocol) {
      errors.push_back(cel_error(
          path, kJsonObject, "protocol must be '" + protocol_name + "' when " + field + " is set"));
    }
  };
  check("GRPC", auth.has_grpc(), "grpc");
  check("HTTP", auth.has_http(), "http");
  if (auth.has_backend_ref())
    check_service_port(auth.backend_ref(), child(path, "backendRef"), errors);
}

void check_filter_members(const HTTPRouteFilter& filter, const std::string& path, Errors& errors) {
  check_filter_member(filter.has_cors(), filter.type(), "cors", "CORS", path, errors);
  check_header_modifier_members(filter, path, errors);
  check_request_mirror_member(filter, path, errors);
  check_filter_member(filter.has_request_redirect(), filter.type(), "requestRedirect",
                      "RequestRedirect", path, errors);
  check_filter_member(filter.has_url_rewrite(), filter.type(), "urlRewrite", "URLRewrite", path,
                      errors);
  check_extension_ref_member(filter, path, errors);
  check_filter_member(filter.has_external_auth(), filter.type(), "externalAuth", "ExternalAuth",
                      path, errors);
}

void check_filter(const HTTPRouteFilter& filter, const std::string& path, Errors& errors) {
  check_filter_members(filter, path, errors);
  if (filter.has_request_mirror())
    check_request_mirror(filter.request_mirror(), child(path, "requestMirror"), errors);
  if (filter.has_request_redirect() && filter.request_redirect().has_path()) {
    check_path_modifier(filter.request_redirect().path(), child(path, "requestRedirect.path"),
                        errors);
  }
  if (filter.has_url_rewrite() && filter.url_rewrite().has_path())
    check_path_modifier(filter.url_rewrite().path(), child(path, "urlRewrite.path"), errors);
  if (filter.has_cors()) check_cors(filter.cors(), child(path, "cors"), errors);
  if (filter.has_external_auth())
    check_external_auth(filter.external_auth(), child(path, "externalAuth"), errors);
}

bool has_filter_type(const Filters& filters, std::string_view type) {
  return exists(filters, [&](const HTTPRouteFilter& filter) { return filter.type() == type; });
}

// The rules on a list of filters (of a rule or of a backendRef), then those on each filter.
void check_filters(const Filters& filters, const std::string& path, Errors& errors) {
  if (filters.empty()) return;
  if (has_filter_type(filters, "RequestRedirect") && has_filter_type(filters, "URLRewrite")) {
    errors.push_back(cel_error(path, kJsonArray,
                               "May specify either httpRouteFilterRequestRedirect or "
                               "httpRouteFilterRequestRewrite, but not both"));
  }
  for (std::string_view type :
       {"CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite"})
    check_not_repeated(filters, type, path, errors);
  for (int i = 0; i < filters.size(); ++i) check_filter(filters.Get(i), index(path, i), errors);
}

// --- spec.rules[*]

bool replaces_prefix(const HTTPPathModifier& modifier) {
  return modifier.type() == "ReplacePrefixMatch" && modifier.has_replace_prefix_match();
}

bool redirect_replaces_prefix(const HTTPRouteFilter& filter) {
  return filter.has_request_redirect() && filter.request_redirect().has_path() &&
         replaces_prefix(filter.request_redirect().path());
}

bool rewrite_replaces_prefix(const HTTPRouteFilter& filter) {
  return filter.has_url_rewrite() && filter.url_rewrite().has_path() &&
         replaces_prefix(filter.url_rewrite().path());
}

// A prefix can only be replaced when it is known: the rule has one match, on a path prefix.
bool single_prefix_match(const HTTPRouteRule& rule) {
  return rule.matches_size() == 1 && rule.matches(0).has_path() &&
         rule.matches(0).path().type() == "PathPrefix";
}

using FilterTest = bool (*)(const HTTPRouteFilter&);

bool one_filter(const Filters& filters, FilterTest test) {
  return exists_one(filters, test);
}

bool one_backend_with_one_filter(const HTTPRouteRule& rule, FilterTest test) {
  return exists_one(rule.backend_refs(), [&](const gateway::v1::HTTPBackendRef& ref) {
    return one_filter(ref.filters(), test);
  });
}

void check_rule_itself(const HTTPRouteRule& rule, const std::string& path, Errors& errors) {
  auto fail = [&](const char* message) { errors.push_back(cel_error(path, kJsonObject, message)); };
  if (rule.backend_refs_size() > 0 &&
      exists(rule.filters(), [](const HTTPRouteFilter& f) { return f.has_request_redirect(); }))
    fail("RequestRedirect filter must not be used together with backendRefs");
  const bool single_prefix = single_prefix_match(rule);
  if (one_filter(rule.filters(), redirect_replaces_prefix) && !single_prefix) {
    fail(
        "When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix "
        "match must be specified");
  }
  if (one_filter(rule.filters(), rewrite_replaces_prefix) && !single_prefix) {
    fail(
        "When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match "
        "must be specified");
  }
  if (one_backend_with_one_filter(rule, redirect_replaces_prefix) && !single_prefix) {
    fail(
        "Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, "
        "exactly one PathPrefix match must be specified");
  }
  if (one_backend_with_one_filter(rule, rewrite_replaces_prefix) && !single_prefix) {
    fail(
        "Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly "
        "one PathPrefix match must be specified");
  }
}

void check_timeouts(const gateway::v1::HTTPRouteTimeouts& timeouts, const std::string& path,
                    Errors& errors) {
  if (!timeouts.has_request() || !timeouts.has_backend_request()) return;
  auto request = support::gateway_duration_ms(timeouts.request());
  auto backend = support::gateway_duration_ms(timeouts.backend_request());
  if (request && backend && *request != 0 && *backend > *request) {
    errors.push_back(cel_error(path, kJsonObject,
                               "backendRequest timeout cannot be longer than request timeout"));
  }
}

void check_backend_refs(const HTTPRouteRule& rule, const std::string& path, Errors& errors) {
  for (int i = 0; i < rule.backend_refs_size(); ++i) {
    const auto& ref = rule.backend_refs(i);
    std::string ref_path = index(path, i);
    check_service_port(ref, ref_path, errors);
    check_filters(ref.filters(), child(ref_path, "filters"), errors);
  }
}

void check_rule(const HTTPRouteRule& rule, const std::string& path, Errors& errors) {
  check_rule_itself(rule, path, errors);
  for (int i = 0; i < rule.matches_size(); ++i) {
    if (rule.matches(i).has_path()) {
      check_path_match(rule.matches(i).path(), child(index(child(path, "matches"), i), "path"),
                       errors);
    }
  }
  check_filters(rule.filters(), child(path, "filters"), errors);
  check_backend_refs(rule, child(path, "backendRefs"), errors);
  if (rule.has_timeouts()) check_timeouts(rule.timeouts(), child(path, "timeouts"), errors);
  if (rule.has_session_persistence()) {
    check_session_persistence(rule.session_persistence(), child(path, "sessionPersistence"),
                              errors);
  }
}

}  // namespace

// Rules run on a value and then on what it contains, each object's properties in the order the
// schema declares them (the API server's own order between sibling properties is a map's).
void check_http_route_rules(const google::protobuf::Message& object, Errors& errors) {
  const auto& spec = static_cast<const HTTPRoute&>(object).spec();
  check_parent_refs(spec.parent_refs(), "spec.parentRefs", errors);
  if (spec.rules().empty()) return;
  check_total_matches(spec.rules(), "spec.rules", errors);
  check_unique_rule_names(spec.rules(), "spec.rules", errors);
  for (int i = 0; i < spec.rules_size(); ++i)
    check_rule(spec.rules(i), index("spec.rules", i), errors);
}

}  // namespace lintel::api::detail
