#include "lintel/api/model_from_schema.h"

#include "lintel/gateway/v1/gateway.pb.h"
#include "lintel/gateway/v1/gateway_class.pb.h"
#include "lintel/gateway/v1/http_route.pb.h"

namespace lintel::api {

namespace {

std::optional<std::string> optional_of(bool has, const std::string& value) {
  return has ? std::optional<std::string>(value) : std::nullopt;
}

StringMatchType string_match_type(const std::string& type) {
  return type == "RegularExpression" ? StringMatchType::kRegularExpression
                                     : StringMatchType::kExact;
}

PathMatchType path_match_type(const std::string& type) {
  if (type == "Exact") return PathMatchType::kExact;
  if (type == "RegularExpression") return PathMatchType::kRegularExpression;
  return PathMatchType::kPathPrefix;
}

HTTPRouteMatch match_model(const gateway::v1::HTTPRouteMatch& match) {
  HTTPRouteMatch out;
  out.path.type = path_match_type(match.path().type());
  out.path.value = match.path().has_value() ? match.path().value() : "/";
  for (const auto& header : match.headers())
    out.headers.push_back({string_match_type(header.type()), header.name(), header.value()});
  for (const auto& query : match.query_params())
    out.query_params.push_back({string_match_type(query.type()), query.name(), query.value()});
  out.method = optional_of(match.has_method(), match.method());
  return out;
}

}  // namespace

std::optional<GatewayClass> gateway_class_model(const SchemaObject& object) {
  const auto* message = object.as<gateway::v1::GatewayClass>();
  if (!message) return std::nullopt;
  GatewayClass out;
  out.metadata = object.metadata;
  out.controller_name = message->spec().controller_name();
  out.description = message->spec().description();
  return out;
}

std::optional<Gateway> gateway_model(const SchemaObject& object,
                                     std::vector<std::string>& unsupported) {
  const auto* message = object.as<gateway::v1::Gateway>();
  if (!message) return std::nullopt;
  Gateway out;
  out.metadata = object.metadata;
  out.gateway_class_name = message->spec().gateway_class_name();
  for (const auto& listener : message->spec().listeners()) {
    Listener model;
    model.name = listener.name();
    model.hostname = optional_of(listener.has_hostname(), listener.hostname());
    model.port = listener.port();
    model.protocol = listener.protocol();
    const std::string& from = listener.allowed_routes().namespaces().from();
    model.allowed_routes.from = from == "All"        ? FromNamespaces::kAll
                                : from == "Selector" ? FromNamespaces::kSelector
                                                     : FromNamespaces::kSame;
    if (from == "Selector")
      unsupported.push_back("listener " + listener.name() + ": allowedRoutes from Selector");
    if (listener.allowed_routes().kinds_size() > 0)
      unsupported.push_back("listener " + listener.name() + ": allowedRoutes.kinds");
    out.listeners.push_back(std::move(model));
  }
  if (message->spec().addresses_size() > 0) unsupported.push_back("spec.addresses");
  return out;
}

std::optional<HTTPRoute> http_route_model(const SchemaObject& object,
                                          std::vector<std::string>& unsupported) {
  const auto* message = object.as<gateway::v1::HTTPRoute>();
  if (!message) return std::nullopt;
  const auto& spec = message->spec();
  HTTPRoute out;
  out.metadata = object.metadata;
  for (const auto& parent : spec.parent_refs()) {
    ParentReference model;
    model.group = parent.group();
    model.kind = parent.kind();
    model.namespace_ = optional_of(parent.has_namespace_(), parent.namespace_());
    model.name = parent.name();
    model.section_name = optional_of(parent.has_section_name(), parent.section_name());
    if (parent.has_port()) model.port = parent.port();
    out.parent_refs.push_back(std::move(model));
  }
  out.hostnames.assign(spec.hostnames().begin(), spec.hostnames().end());
  for (int r = 0; r < spec.rules_size(); ++r) {
    const auto& rule = spec.rules(r);
    std::string where = "spec.rules[" + std::to_string(r) + "]";
    HTTPRouteRule model;
    model.name = optional_of(rule.has_name(), rule.name());
    for (const auto& match : rule.matches()) model.matches.push_back(match_model(match));
    if (model.matches.empty()) model.matches.push_back(HTTPRouteMatch{});
    for (const auto& filter : rule.filters())
      unsupported.push_back(where + ".filters: " + filter.type());
    if (rule.has_timeouts()) unsupported.push_back(where + ".timeouts");
    if (rule.has_retry()) unsupported.push_back(where + ".retry");
    if (rule.has_session_persistence()) unsupported.push_back(where + ".sessionPersistence");
    for (const auto& backend : rule.backend_refs()) {
      HTTPBackendRef ref;
      ref.group = backend.group();
      ref.kind = backend.kind();
      ref.name = backend.name();
      ref.namespace_ = optional_of(backend.has_namespace_(), backend.namespace_());
      if (backend.has_port()) ref.port = backend.port();
      ref.weight = backend.has_weight() ? backend.weight() : 1;
      for (const auto& filter : backend.filters())
        unsupported.push_back(where + ".backendRefs.filters: " + filter.type());
      model.backend_refs.push_back(std::move(ref));
    }
    out.rules.push_back(std::move(model));
  }
  return out;
}

}  // namespace lintel::api
