#include "annotations/annotation_context.h"

#include <algorithm>

#include "annotations/annotation_catalog.h"

namespace lintel::conversion::annotations {

std::string annotation_key(std::string_view name) {
  return std::string(kNginxPrefix) + std::string(name);
}

bool converted_from(const gateway::v1::HTTPRoute& route, const api::Ingress& ingress) {
  const auto& labels = route.metadata().labels();
  auto label = labels.find("lintel.io/ingress");
  return label != labels.end() && label->second == ingress.metadata().name() &&
         route.metadata().namespace_() == ingress.metadata().namespace_();
}

AnnotationContext::AnnotationContext(const api::Ingress& ingress,
                                     std::vector<gateway::v1::HTTPRoute>& routes,
                                     std::vector<ConversionNote>& notes)
    : ingress_(ingress), routes_(routes), notes_(notes) {
  for (std::size_t i = 0; i < routes.size(); ++i)
    if (converted_from(routes[i], ingress)) mine_.push_back(i);
}

const std::string* AnnotationContext::value(std::string_view name) const {
  const auto& annotations = ingress_.metadata().annotations();
  auto found = annotations.find(annotation_key(name));
  return found == annotations.end() ? nullptr : &found->second;
}

std::vector<std::string> AnnotationContext::nginx_annotation_names() const {
  std::vector<std::string> names;
  for (const auto& [key, value] : ingress_.metadata().annotations()) {
    if (key.rfind(kNginxPrefix, 0) == 0) names.push_back(key.substr(kNginxPrefix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<bool> AnnotationContext::boolean(std::string_view name) {
  const std::string* text = value(name);
  if (!text) return std::nullopt;
  auto parsed = parse_bool(*text);
  if (!parsed.value) invalid(name, parsed.error);
  return parsed.value;
}

std::optional<std::int64_t> AnnotationContext::integer(std::string_view name, std::int64_t min,
                                                       std::int64_t max) {
  const std::string* text = value(name);
  if (!text) return std::nullopt;
  auto parsed = parse_integer(*text, min, max);
  if (!parsed.value) invalid(name, parsed.error);
  return parsed.value;
}

void AnnotationContext::converted(std::string_view name, std::string message) {
  note(name, Outcome::converted, std::move(message));
}
void AnnotationContext::approximated(std::string_view name, std::string message) {
  note(name, Outcome::approximated, std::move(message));
}
void AnnotationContext::unsupported(std::string_view name, std::string message) {
  note(name, Outcome::unsupported, std::move(message));
}

void AnnotationContext::invalid(std::string_view name, const std::string& detail) {
  const std::string* text = value(name);
  note(name, Outcome::unsupported,
       "Invalid value: \"" + (text ? *text : std::string()) + "\": " + detail +
           "; the annotation is ignored");
}

void AnnotationContext::note(std::string_view name, Outcome kind, std::string message) {
  std::string key = annotation_key(name);
  std::string route;
  if (route_count() > 0) {
    const auto& first = routes_[mine_.front()].metadata();
    route = first.namespace_() + "/" + first.name();
  }
  notes_.push_back(
      ConversionNote{ingress_.metadata().namespace_() + "/" + ingress_.metadata().name(),
                     "metadata.annotations[" + key + "]", key + ": " + std::move(message),
                     std::move(route), kind});
}

}  // namespace lintel::conversion::annotations
