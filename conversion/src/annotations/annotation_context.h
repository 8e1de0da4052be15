#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annotations/annotation_values.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::conversion::annotations {

// One Ingress's annotations, the HTTPRoutes converted from it (found by their lintel.io/ingress
// label), and where the notes about them go. Every annotation set gets one note.
class AnnotationContext {
 public:
  AnnotationContext(const api::Ingress& ingress, std::vector<gateway::v1::HTTPRoute>& routes,
                    std::vector<ConversionNote>& notes);

  const api::Ingress& ingress() const { return ingress_; }
  // The annotation's value (name without the prefix), or nullptr when it is not set.
  const std::string* value(std::string_view name) const;
  // The names (without the prefix) of the Ingress's ingress-nginx annotations, sorted.
  std::vector<std::string> nginx_annotation_names() const;
  // The parsed value; an unparsable one is reported as invalid (and ignored) and gives nothing.
  std::optional<bool> boolean(std::string_view name);
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max);

  std::size_t route_count() const { return mine_.size(); }
  // Every converted route, this Ingress's and the others'.
  const std::vector<gateway::v1::HTTPRoute>& all_routes() const { return routes_; }
  gateway::v1::HTTPRoute& route(std::size_t i) { return routes_[mine_[i]]; }
  // Adds a route converted from this Ingress (routes may move: use indices, not references).
  void add_route(gateway::v1::HTTPRoute route) {
    mine_.push_back(routes_.size());
    routes_.push_back(std::move(route));
  }

  void converted(std::string_view name, std::string message);
  void approximated(std::string_view name, std::string message);
  void unsupported(std::string_view name, std::string message);
  // API-server wording: `Invalid value: "<value>": <detail>`; the annotation is ignored.
  void invalid(std::string_view name, const std::string& detail);

 private:
  void note(std::string_view name, Outcome kind, std::string message);

  const api::Ingress& ingress_;
  std::vector<gateway::v1::HTTPRoute>& routes_;
  std::vector<std::size_t> mine_;  // indices in routes_
  std::vector<ConversionNote>& notes_;
};

std::string annotation_key(std::string_view name);  // with the prefix

// Whether the route was converted from the Ingress.
bool converted_from(const gateway::v1::HTTPRoute& route, const api::Ingress& ingress);

}  // namespace lintel::conversion::annotations
