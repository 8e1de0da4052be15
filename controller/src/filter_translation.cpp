#include "filter_translation.h"

#include "header_rules.h"
#include "lintel/support/duration.h"

namespace lintel::controller {

namespace gv1 = gateway::v1;
namespace sv1 = snapshot::v1;

namespace {

template <typename Headers>
void copy_usable(const Headers& from, google::protobuf::RepeatedPtrField<sv1::HeaderValue>& to) {
  for (const auto& header : from) {
    if (header_name_problem(header.name()) || header_value_problem(header.value())) continue;
    sv1::HeaderValue* out = to.Add();
    out->set_name(header.name());
    out->set_value(header.value());
  }
}

sv1::PathModifier path_modifier(const gv1::HTTPPathModifier& modifier) {
  sv1::PathModifier out;
  if (modifier.type() == "ReplacePrefixMatch") {
    out.set_type(sv1::PathModifier::REPLACE_PREFIX_MATCH);
    out.set_value(modifier.replace_prefix_match());
  } else {
    out.set_type(sv1::PathModifier::REPLACE_FULL_PATH);
    out.set_value(modifier.replace_full_path());
  }
  return out;
}

// 0 stands for "no limit", so a duration that does not parse (the schema's pattern keeps them
// out) sets none rather than an instant timeout.
std::uint64_t milliseconds(const std::string& duration) {
  return static_cast<std::uint64_t>(support::gateway_duration_ms(duration).value_or(0));
}

}  // namespace

sv1::HeaderModifier header_modifier(const gv1::HTTPHeaderFilter& filter) {
  sv1::HeaderModifier out;
  copy_usable(filter.set(), *out.mutable_set());
  copy_usable(filter.add(), *out.mutable_add());
  for (const auto& name : filter.remove())
    if (!header_name_problem(name)) out.add_remove(name);
  return out;
}

sv1::URLRewrite url_rewrite(const gv1::HTTPURLRewriteFilter& filter) {
  sv1::URLRewrite out;
  if (filter.has_hostname()) out.set_hostname(filter.hostname());
  if (filter.has_path()) *out.mutable_path() = path_modifier(filter.path());
  return out;
}

sv1::RedirectAction redirect(const gv1::HTTPRequestRedirectFilter& filter) {
  sv1::RedirectAction out;
  if (filter.has_scheme()) out.set_scheme(filter.scheme());
  if (filter.has_hostname()) out.set_hostname(filter.hostname());
  if (filter.has_port()) out.set_port(static_cast<std::uint32_t>(filter.port()));
  if (filter.has_path()) *out.mutable_path() = path_modifier(filter.path());
  if (filter.has_status_code())
    out.set_status_code(static_cast<std::uint32_t>(filter.status_code()));
  return out;
}

sv1::RequestMirror mirror_share(const gv1::HTTPRequestMirrorFilter& filter) {
  sv1::RequestMirror out;
  if (filter.has_percent()) {
    out.set_numerator(static_cast<std::uint32_t>(filter.percent()));
    out.set_denominator(100);
  } else if (filter.has_fraction()) {
    out.set_numerator(static_cast<std::uint32_t>(filter.fraction().numerator()));
    out.set_denominator(filter.fraction().has_denominator()
                            ? static_cast<std::uint32_t>(filter.fraction().denominator())
                            : 100);
  }
  return out;
}

std::optional<sv1::RouteTimeouts> route_timeouts(const gv1::HTTPRouteTimeouts& timeouts) {
  if (!timeouts.has_request() && !timeouts.has_backend_request()) return std::nullopt;
  sv1::RouteTimeouts out;
  if (timeouts.has_request()) out.set_request_ms(milliseconds(timeouts.request()));
  if (timeouts.has_backend_request())
    out.set_backend_request_ms(milliseconds(timeouts.backend_request()));
  return out;
}

}  // namespace lintel::controller
