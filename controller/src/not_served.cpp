#include "lintel/controller/not_served.h"

namespace lintel::controller {

namespace {

template <typename T>
std::string name_of(const T& object) {
  return object.kind() + " " + object.metadata().namespace_() + "/" + object.metadata().name();
}

}  // namespace

std::vector<std::string> not_served(const gateway::v1::Gateway& gateway) {
  std::vector<std::string> out;
  std::string name = name_of(gateway);
  for (const auto& listener : gateway.spec().listeners()) {
    std::string where = name + " listener " + listener.name();
    if (listener.allowed_routes().namespaces().from() == "Selector")
      out.push_back(where + ": allowedRoutes from Selector");
    if (listener.allowed_routes().kinds_size() > 0) out.push_back(where + ": allowedRoutes.kinds");
  }
  if (gateway.spec().addresses_size() > 0) out.push_back(name + " spec.addresses");
  return out;
}

std::vector<std::string> not_served(const gateway::v1::HTTPRoute& route) {
  std::vector<std::string> out;
  std::string name = name_of(route);
  for (int r = 0; r < route.spec().rules_size(); ++r) {
    const auto& rule = route.spec().rules(r);
    std::string where = name + " spec.rules[" + std::to_string(r) + "]";
    for (const auto& filter : rule.filters()) out.push_back(where + ".filters: " + filter.type());
    if (rule.has_timeouts()) out.push_back(where + ".timeouts");
    if (rule.has_retry()) out.push_back(where + ".retry");
    if (rule.has_session_persistence()) out.push_back(where + ".sessionPersistence");
    for (const auto& backend : rule.backend_refs()) {
      for (const auto& filter : backend.filters())
        out.push_back(where + ".backendRefs.filters: " + filter.type());
    }
  }
  return out;
}

}  // namespace lintel::controller
