#pragma once

#include <vector>

#include "annotations/annotation_context.h"

namespace lintel::conversion::annotations {

// Whether the Ingress is an ingress-nginx canary (`canary: "true"`).
bool is_canary(const api::Ingress& ingress);

// Merges a canary Ingress's rules into the rules of the main Ingress's routes that match the same
// host and path (same namespace), as ingress-nginx does: by header, then by cookie, then by weight.
// The canary's merged rules leave its own routes; a rule with no main rule is not served. Reports
// every annotation of the canary Ingress.
void merge_canary(AnnotationContext& canary, std::vector<gateway::v1::HTTPRoute>& routes,
                  const std::vector<const api::Ingress*>& canaries);

}  // namespace lintel::conversion::annotations
