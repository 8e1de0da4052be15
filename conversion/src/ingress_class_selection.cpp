#include "lintel/conversion/ingress_class_selection.h"

namespace lintel::conversion {

IngressClassSelector::IngressClassSelector(const std::vector<const api::IngressClass*>& classes,
                                           ClassSelectionOptions options)
    : classes_(classes), options_(std::move(options)) {}

bool IngressClassSelector::is_lintels(const api::IngressClass& ingress_class) const {
  return ingress_class.spec().controller() == options_.controller_name ||
         (options_.claim_ingress_class &&
          ingress_class.metadata().name() == options_.ingress_class);
}

std::optional<std::string> IngressClassSelector::resolve_named(const std::string& name) const {
  for (const auto* ingress_class : classes_) {
    if (ingress_class->metadata().name() == name) {
      if (is_lintels(*ingress_class)) return name;
      return std::nullopt;
    }
  }
  if (name == options_.ingress_class) return name;
  return std::nullopt;
}

std::optional<std::string> IngressClassSelector::class_of(const api::Ingress& ingress) const {
  if (ingress.spec().has_ingress_class_name())
    return resolve_named(ingress.spec().ingress_class_name());
  auto legacy = ingress.metadata().annotations().find(kLegacyClassAnnotation);
  if (legacy != ingress.metadata().annotations().end()) return resolve_named(legacy->second);

  const api::IngressClass* lintel_default = nullptr;
  bool any_default = false;
  for (const auto* ingress_class : classes_) {
    if (!api::is_default_class(*ingress_class)) continue;
    any_default = true;
    // Several defaults: pick by name so the result never depends on input order.
    if (is_lintels(*ingress_class) &&
        (!lintel_default || ingress_class->metadata().name() < lintel_default->metadata().name())) {
      lintel_default = ingress_class;
    }
  }
  if (lintel_default) return lintel_default->metadata().name();
  if (!any_default) return options_.ingress_class;
  return std::nullopt;
}

}  // namespace lintel::conversion
