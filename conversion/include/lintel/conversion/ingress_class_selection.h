#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lintel/api/networking.h"

namespace lintel::conversion {

// The IngressClass `spec.controller` value that names Lintel.
inline constexpr const char* kIngressControllerName = "lintel.io/ingress-controller";
// The legacy class annotation, still set by many charts.
inline constexpr const char* kLegacyClassAnnotation = "kubernetes.io/ingress.class";

struct ClassSelectionOptions {
  // The class name Lintel answers to when no IngressClass object of that name exists
  // (standalone folders often have none). `--ingress-class`.
  std::string ingress_class = "lintel";
  std::string controller_name = kIngressControllerName;
  // `--ingress-class` given: the class is Lintel's even when its IngressClass names another
  // controller (taking over ingress-nginx's "nginx" class is how a migration starts).
  bool claim_ingress_class = false;
};

// Decides which Ingresses are Lintel's, in this order (the first that applies decides):
//  1. spec.ingressClassName, else the kubernetes.io/ingress.class annotation, names a class:
//     it is Lintel's when an IngressClass of that name has Lintel's controller, or when no
//     IngressClass of that name exists and the name is options.ingress_class, or when the
//     name is options.ingress_class and options.claim_ingress_class is set.
//  2. No class named: the Ingress belongs to the default class. That is Lintel's when a
//     Lintel IngressClass (as in 1) is marked default, or when no IngressClass is marked
//     default at all (Lintel is then the cluster's default, so that class-less manifests just
//     work).
class IngressClassSelector {
 public:
  IngressClassSelector(const std::vector<const api::IngressClass*>& classes,
                       ClassSelectionOptions options);

  // The Lintel class name the Ingress resolves to, or nothing when it is another controller's.
  std::optional<std::string> class_of(const api::Ingress& ingress) const;

 private:
  std::optional<std::string> resolve_named(const std::string& name) const;
  bool is_lintels(const api::IngressClass& ingress_class) const;

  std::vector<const api::IngressClass*> classes_;
  ClassSelectionOptions options_;
};

}  // namespace lintel::conversion
