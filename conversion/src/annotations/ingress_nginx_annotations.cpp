#include "annotations/ingress_nginx_annotations.h"

#include <algorithm>

#include "annotations/annotation_appliers.h"
#include "annotations/annotation_catalog.h"
#include "annotations/canary_merge.h"

namespace lintel::conversion {

namespace {

using annotations::AnnotationContext;

void report_canary_annotations_without_canary(AnnotationContext& context) {
  for (const auto& entry : annotations::annotation_catalog()) {
    if (entry.handling != annotations::Handling::kCanary || !context.value(entry.name)) continue;
    if (entry.name == "canary") {
      context.boolean("canary");  // reports an invalid value
      if (annotations::parse_bool(*context.value("canary")).value)
        context.converted("canary", "\"false\": not a canary");
      continue;
    }
    context.converted(entry.name, "ignored without canary: \"true\", as in ingress-nginx");
  }
}

}  // namespace

void apply_ingress_nginx_annotations(const std::vector<const api::Ingress*>& converted,
                                     std::vector<gateway::v1::HTTPRoute>& routes,
                                     std::vector<ConversionNote>& notes) {
  std::vector<const api::Ingress*> canaries;
  for (const auto* ingress : converted)
    if (annotations::is_canary(*ingress)) canaries.push_back(ingress);
  for (const auto* canary : canaries) {
    AnnotationContext context(*canary, routes, notes);
    annotations::merge_canary(context, routes, canaries);
  }
  for (const auto* ingress : converted) {
    if (annotations::is_canary(*ingress)) continue;
    AnnotationContext context(*ingress, routes, notes);
    annotations::apply_host_annotations(context);
    annotations::apply_rewrite_annotations(context);
    annotations::apply_upstream_annotations(context);
    annotations::apply_cors_annotations(context);
    annotations::apply_redirect_annotations(context);
    report_canary_annotations_without_canary(context);
    annotations::report_remaining_annotations(context);
  }
  // Routes whose every rule was merged away (canaries) or could not be served.
  routes.erase(std::remove_if(routes.begin(), routes.end(),
                              [](const gateway::v1::HTTPRoute& route) {
                                return route.spec().rules_size() == 0;
                              }),
               routes.end());
}

std::optional<bool> ssl_redirect_annotation(const api::Ingress& ingress) {
  auto found = ingress.metadata().annotations().find(annotations::annotation_key("ssl-redirect"));
  if (found == ingress.metadata().annotations().end()) return std::nullopt;
  return annotations::parse_bool(found->second).value;
}

}  // namespace lintel::conversion
