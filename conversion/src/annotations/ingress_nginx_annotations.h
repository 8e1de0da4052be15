#pragma once

#include <optional>
#include <vector>

#include "lintel/conversion/ingress_to_gateway.h"

// ingress-nginx's annotations (nginx.ingress.kubernetes.io/...), served by `lintel run` and
// written by `lintel migrate` through the HTTPRoutes converted from their Ingresses.
namespace lintel::conversion {

// Applies the annotations of the converted Ingresses to the HTTPRoutes converted from them
// (found by their lintel.io/ingress label): canary Ingresses are merged into their main
// Ingresses' routes first, so that each main Ingress's annotations then apply to its canary
// rules too, as in ingress-nginx. Every annotation set gets one note: converted, approximated
// (how behaviour differs) or unsupported (why, and what to do instead). Bad values are reported
// in the API server's words and ignored; they never stop the conversion.
void apply_ingress_nginx_annotations(const std::vector<const api::Ingress*>& converted,
                                     std::vector<gateway::v1::HTTPRoute>& routes,
                                     std::vector<ConversionNote>& notes);

// The Ingress's `ssl-redirect` annotation: false turns off the redirect to HTTPS that spec.tls
// hosts get by default; nothing when unset or invalid (the invalid value is reported by
// apply_ingress_nginx_annotations).
std::optional<bool> ssl_redirect_annotation(const api::Ingress& ingress);

}  // namespace lintel::conversion
