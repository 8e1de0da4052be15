#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "annotations/annotation_appliers.h"

namespace lintel::conversion::annotations {

namespace gv1 = gateway::v1;

namespace {

// ingress-nginx's defaults for what the cors-* annotations leave out.
constexpr const char* kDefaultMethods = "GET, PUT, POST, DELETE, PATCH, OPTIONS";
constexpr const char* kDefaultHeaders =
    "DNT,X-CustomHeader,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,"
    "Content-Type,Authorization";
constexpr std::int64_t kDefaultMaxAge = 1728000;

constexpr const char* kCorsAnnotations[] = {"cors-allow-origin",      "cors-allow-methods",
                                            "cors-allow-headers",     "cors-expose-headers",
                                            "cors-allow-credentials", "cors-max-age"};

class CorsBuilder {
 public:
  explicit CorsBuilder(AnnotationContext& context) : context_(context) {}

  gv1::HTTPCORSFilter build() {
    origins();
    methods();
    headers("cors-allow-headers", kDefaultHeaders, *filter_.mutable_allow_headers());
    headers("cors-expose-headers", "", *filter_.mutable_expose_headers());
    auto credentials = context_.boolean("cors-allow-credentials");
    filter_.set_allow_credentials(credentials.value_or(true));
    if (credentials) context_.converted("cors-allow-credentials", "CORS allowCredentials");
    auto max_age = context_.integer("cors-max-age", 0, INT32_MAX);
    filter_.set_max_age(static_cast<std::int32_t>(max_age.value_or(kDefaultMaxAge)));
    if (max_age) context_.converted("cors-max-age", "CORS maxAge");
    return filter_;
  }

 private:
  std::string text_of(const char* name, const char* fallback) {
    const std::string* text = context_.value(name);
    return text ? *text : fallback;
  }

  void origins() {
    static const RE2 kOrigin(
        R"((\*)|((https?)://(((\*\.)?([a-zA-Z0-9\-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)))");
    for (const auto& origin : split_list(text_of("cors-allow-origin", "*"))) {
      if (!RE2::FullMatch(origin, kOrigin) || filter_.allow_origins_size() == 64) {
        context_.invalid("cors-allow-origin",
                         "\"" + origin + "\" must be * or http(s)://host[:port] (at most 64)");
        filter_.clear_allow_origins();
        filter_.add_allow_origins("*");
        return;
      }
      filter_.add_allow_origins(origin);
    }
    if (filter_.allow_origins_size() == 0) filter_.add_allow_origins("*");
    if (context_.value("cors-allow-origin"))
      context_.converted("cors-allow-origin", "CORS allowOrigins");
  }

  void methods() {
    static const std::string kAllowed[] = {"GET",     "HEAD",    "POST",  "PUT",   "DELETE",
                                           "CONNECT", "OPTIONS", "TRACE", "PATCH", "*"};
    for (auto method : split_list(text_of("cors-allow-methods", kDefaultMethods))) {
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (std::find(std::begin(kAllowed), std::end(kAllowed), method) == std::end(kAllowed)) {
        context_.invalid("cors-allow-methods",
                         "\"" + method +
                             "\" is not a method Gateway "
                             "API's CORS filter allows; the default list is used");
        filter_.clear_allow_methods();
        for (auto m : split_list(kDefaultMethods)) filter_.add_allow_methods(m);
        return;
      }
      filter_.add_allow_methods(method);
    }
    if (context_.value("cors-allow-methods"))
      context_.converted("cors-allow-methods", "CORS allowMethods");
  }

  void headers(const char* name, const char* fallback,
               google::protobuf::RepeatedPtrField<std::string>& out) {
    for (const auto& header : split_list(text_of(name, fallback))) {
      if ((header != "*" && !is_header_name(header)) || out.size() == 64) {
        context_.invalid(name, "\"" + header + "\" is not a header name (at most 64)");
        out.Clear();
        for (const auto& h : split_list(fallback)) out.Add(std::string(h));
        return;
      }
      out.Add(std::string(header));
    }
    if (context_.value(name)) context_.converted(name, std::string("CORS ") + name);
  }

  AnnotationContext& context_;
  gv1::HTTPCORSFilter filter_;
};

}  // namespace

void apply_cors_annotations(AnnotationContext& context) {
  auto enabled = context.boolean("enable-cors");
  if (!enabled || !*enabled) {
    if (enabled) context.converted("enable-cors", "\"false\": nothing to do");
    for (const char* name : kCorsAnnotations) {
      if (context.value(name))
        context.converted(name, "ignored without enable-cors: \"true\", as in ingress-nginx");
    }
    return;
  }
  gv1::HTTPCORSFilter filter = CorsBuilder(context).build();
  for (std::size_t r = 0; r < context.route_count(); ++r) {
    for (auto& rule : *context.route(r).mutable_spec()->mutable_rules()) {
      gv1::HTTPRouteFilter* added = rule.add_filters();
      added->set_type("CORS");
      *added->mutable_cors() = filter;
    }
  }
  context.converted("enable-cors",
                    "the CORS filter (Gateway API experimental channel), with ingress-nginx's "
                    "defaults for what the cors-* annotations leave out");
}

}  // namespace lintel::conversion::annotations
