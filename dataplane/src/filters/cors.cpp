#include "filters/cors.h"

namespace lintel::dataplane::filters {
namespace {

std::string joined(const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

beast::string_view beast_view(std::string_view text) {
  return {text.data(), text.size()};
}

bool is_wildcard(const google::protobuf::RepeatedPtrField<std::string>& items) {
  return items.size() == 1 && items.Get(0) == "*";
}

}  // namespace

bool Cors::compile(const snapshot::v1::CorsPolicy& spec, Cors& out, std::string& error) {
  out = Cors();
  for (const auto& pattern : spec.allow_origins()) {
    auto parsed = OriginPattern::parse(pattern);
    if (!parsed) {
      error = "CORS allowOrigins entry \"" + pattern + "\" is not an origin";
      return false;
    }
    out.origins_.push_back(std::move(*parsed));
  }
  out.credentials_ = spec.allow_credentials();
  out.any_method_ = is_wildcard(spec.allow_methods());
  if (!out.any_method_) out.methods_ = joined(spec.allow_methods());
  out.any_header_ = is_wildcard(spec.allow_headers());
  if (!out.any_header_) out.headers_ = joined(spec.allow_headers());
  if (!(out.credentials_ && is_wildcard(spec.expose_headers()))) {
    out.expose_headers_ = joined(spec.expose_headers());
  }
  if (spec.max_age_seconds() > 0) out.max_age_ = std::to_string(spec.max_age_seconds());
  return true;
}

bool Cors::is_preflight(std::string_view method, bool has_origin, bool has_request_method) {
  return method == "OPTIONS" && has_origin && has_request_method;
}

bool Cors::allows(std::string_view origin) const {
  const auto parsed = parse_origin(origin);
  for (const auto& pattern : origins_) {
    // "*" shares with every origin, even an opaque one ("null").
    if (pattern.any_origin() || (parsed && pattern.matches(*parsed))) return true;
  }
  return false;
}

void Cors::add_preflight_headers(std::string_view origin, std::string_view request_method,
                                 std::string_view request_headers, http::fields& out) const {
  add_response_headers(origin, out);
  // With credentials a browser takes "*" literally, so the wildcards answer with what was asked.
  if (any_method_) {
    if (!credentials_) {
      out.set(http::field::access_control_allow_methods, "*");
    } else if (!request_method.empty()) {
      out.set(http::field::access_control_allow_methods, beast_view(request_method));
    }
  } else if (!methods_.empty()) {
    out.set(http::field::access_control_allow_methods, methods_);
  }
  if (any_header_) {
    if (!credentials_) {
      out.set(http::field::access_control_allow_headers, "*");
    } else if (!request_headers.empty()) {
      out.set(http::field::access_control_allow_headers, beast_view(request_headers));
    }
  } else if (!headers_.empty()) {
    out.set(http::field::access_control_allow_headers, headers_);
  }
  if (!max_age_.empty()) out.set(http::field::access_control_max_age, max_age_);
}

void Cors::add_response_headers(std::string_view origin, http::fields& out) const {
  // Echoing the origin is right for every configuration; "*" would be wrong with credentials.
  out.set(http::field::access_control_allow_origin, beast_view(origin));
  if (credentials_) out.set(http::field::access_control_allow_credentials, "true");
  if (!expose_headers_.empty()) {
    out.set(http::field::access_control_expose_headers, expose_headers_);
  }
}

CorsResponse::CorsResponse(const Cors& cors, std::optional<std::string_view> origin)
    : cors_(&cors) {
  if (!origin) return;
  origin_ = *origin;
  allowed_ = cors.allows(origin_);
}

void CorsResponse::apply(http::fields& fields) const {
  if (cors_ == nullptr || origin_.empty()) return;
  if (allowed_) cors_->add_response_headers(origin_, fields);
  fields.insert(http::field::vary, "Origin");
}

}  // namespace lintel::dataplane::filters
