#include <algorithm>
#include <cctype>

#include "annotations/annotation_appliers.h"

namespace lintel::conversion::annotations {

namespace {

bool forwards(const gateway::v1::HTTPRouteRule& rule) {
  return rule.backend_refs_size() > 0;
}

// Gateway API durations are at most five digits per unit.
constexpr std::int64_t kMaxSeconds = 99999;

void apply_timeouts(AnnotationContext& context) {
  auto connect = context.integer("proxy-connect-timeout", 1, kMaxSeconds);
  auto read = context.integer("proxy-read-timeout", 1, kMaxSeconds);
  auto send = context.integer("proxy-send-timeout", 1, kMaxSeconds);
  if (!read && !send) {
    if (connect) {
      context.unsupported("proxy-connect-timeout",
                          "Gateway API has no connect timeout; Lintel's own applies. Set "
                          "proxy-read-timeout too to bound the backend request");
    }
    return;
  }
  std::int64_t seconds =
      std::min(kMaxSeconds, connect.value_or(0) + std::max(read.value_or(0), send.value_or(0)));
  std::string duration = std::to_string(seconds) + "s";
  for (std::size_t r = 0; r < context.route_count(); ++r) {
    for (auto& rule : *context.route(r).mutable_spec()->mutable_rules())
      if (forwards(rule)) rule.mutable_timeouts()->set_backend_request(duration);
  }
  const std::string limit = "timeouts.backendRequest " + duration +
                            " bounds the whole backend "
                            "response";
  if (read) {
    context.approximated("proxy-read-timeout",
                         limit +
                             ", where nginx bounded the pause between two reads from the "
                             "backend: a slow response longer than that is cut (504)");
  }
  if (send) {
    context.approximated("proxy-send-timeout",
                         limit +
                             ", where nginx bounded the pause between two writes to the "
                             "backend");
  }
  if (connect) {
    context.approximated(
        "proxy-connect-timeout",
        "Gateway API has no connect timeout: it is added into timeouts.backendRequest (" +
            duration + ")");
  }
}

void apply_backend_protocol(AnnotationContext& context) {
  const std::string* text = context.value("backend-protocol");
  if (!text) return;
  std::string protocol = *text;
  for (auto& c : protocol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (protocol == "HTTP") {
    context.converted("backend-protocol", "HTTP: what Lintel speaks to backends");
    return;
  }
  static const char* const kKnown[] = {"HTTPS", "GRPC", "GRPCS", "H2C", "AJP", "FCGI"};
  if (std::find(std::begin(kKnown), std::end(kKnown), protocol) == std::end(kKnown)) {
    context.invalid("backend-protocol", "must be one of HTTP, HTTPS, GRPC, GRPCS, H2C, AJP, FCGI");
    return;
  }
  context.unsupported("backend-protocol",
                      protocol + ": Lintel speaks HTTP/1.1 in clear text to backends, so a " +
                          protocol +
                          " backend will refuse its requests. Serve HTTP/1.1 from the "
                          "backend, or wait for BackendTLSPolicy / GRPCRoute support");
}

void apply_service_upstream(AnnotationContext& context) {
  auto service_upstream = context.boolean("service-upstream");
  if (!service_upstream) return;
  if (!*service_upstream) {
    context.converted("service-upstream",
                      "\"false\": Lintel balances over the endpoints, as "
                      "ingress-nginx does by default");
    return;
  }
  context.approximated("service-upstream",
                       "Lintel balances over the Service's ready endpoints, as Gateway API says, "
                       "not over its ClusterIP; the backends are the same");
}

}  // namespace

void apply_upstream_annotations(AnnotationContext& context) {
  apply_timeouts(context);
  apply_backend_protocol(context);
  apply_service_upstream(context);
}

}  // namespace lintel::conversion::annotations
