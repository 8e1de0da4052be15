#pragma once

#include "annotations/annotation_context.h"

// The annotations of one (non-canary) Ingress, applied to its converted HTTPRoutes by topic. Each
// applier reports every annotation of its topic that is set; report_remaining_annotations reports
// the ones no applier handles (policies not yet served, unsupported ones, snippets, unknown ones).
namespace lintel::conversion::annotations {

void apply_rewrite_annotations(AnnotationContext& context);   // rewrite-target, use-regex, ...
void apply_upstream_annotations(AnnotationContext& context);  // timeouts, backend-protocol, ...
void apply_cors_annotations(AnnotationContext& context);
void apply_host_annotations(AnnotationContext& context);  // server-alias
// Last: a redirect replaces what the other appliers set on a rule.
void apply_redirect_annotations(AnnotationContext& context);
void report_remaining_annotations(AnnotationContext& context);

}  // namespace lintel::conversion::annotations
