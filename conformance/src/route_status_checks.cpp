#include "route_status_checks.h"

#include "status_support.h"

namespace lintel::conformance {

namespace {

constexpr const char* kGroup = "gateway.networking.k8s.io";

// One entry of the route's status.parents names `parent` and holds `condition`, and every
// parent entry's conditions are at the route's current generation.
std::optional<std::string> route_accepted_by(const StatusView& view, const Environment& env,
                                             const ObjectRef& route, const ObjectRef& parent,
                                             const std::string& parent_group,
                                             const Value& condition) {
  std::string why;
  const Value* status = status_or_why(view, route, why);
  if (!status) return why;
  std::string seen = "no parent entry for " + parent.to_string();
  bool found = false;
  for (const auto& entry : (*status)["parents"].items()) {
    if (auto stale = stale_generation(entry["conditions"], generation_of(env, route)))
      return route.to_string() + ": " + *stale;
    if (found ||
        !parent_entry_matches(entry, parent, parent_group, route.namespace_, env.controller_name)) {
      continue;
    }
    if (auto missing = missing_condition(entry["conditions"], condition)) {
      seen = *missing;
    } else {
      found = true;
    }
  }
  if (!found) return route.to_string() + ": " + seen;
  return std::nullopt;
}

std::optional<std::string> parent_listeners_ready(const StatusView& view, const ObjectRef& parent,
                                                  const Value& conditions) {
  if (conditions.size() == 0) return std::nullopt;
  std::string why;
  const Value* status = status_or_why(view, parent, why);
  if (!status) return why;
  if (auto failure = listeners_have(*status, Value(), conditions))
    return parent.to_string() + ": " + *failure;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> listeners_have(const Value& status, const Value& names,
                                          const Value& conditions) {
  for (const auto& name : names.items()) {
    bool present = false;
    for (const auto& listener : status["listeners"].items())
      present = present || listener.str("name") == name.text();
    if (!present) return "no listener " + name.text() + " in status";
  }
  for (const auto& listener : status["listeners"].items()) {
    bool wanted = names.is_null();
    for (const auto& name : names.items()) wanted = wanted || listener.str("name") == name.text();
    if (!wanted) continue;
    for (const auto& condition : conditions.items()) {
      if (auto missing = missing_condition(listener["conditions"], condition))
        return "listener " + listener.str("name") + ": " + *missing;
    }
  }
  return std::nullopt;
}

CheckResult run_gateway_and_routes_accepted(const Value& check, CaseState&, Environment& env) {
  const ObjectRef gateway = gateway_ref(check["gateway"]);
  const std::string kind = check.str("routeKind");
  const Value& expect = check["expect"];
  return poll_status(
      env, "routes accepted by " + gateway.to_string(), 180, 0.1,
      [&](const StatusView& view) -> std::optional<std::string> {
        std::string why;
        const Value* status = status_or_why(view, gateway, why);
        if (!status) return why;
        if (expect["gatewayHasAddress"].as_bool(true)) {
          bool typed = false;
          for (const auto& address : (*status)["addresses"].items())
            typed = typed || !address.str("type").empty();
          if (!typed) return gateway.to_string() + " has no address in status";
        }
        if (kind != "TLSRoute") {
          if (auto stale = stale_generation((*status)["conditions"], generation_of(env, gateway)))
            return gateway.to_string() + ": " + *stale;
        }
        for (const auto& route : check["routes"].items()) {
          if (auto failure = route_accepted_by(view, env, route_ref(kind, route), gateway, kGroup,
                                               expect["routeParentCondition"]))
            return failure;
        }
        if (kind == "TLSRoute") return std::nullopt;
        return parent_listeners_ready(view, gateway, expect["everyListenerConditions"]);
      });
}

CheckResult run_routes_and_parent_accepted(const Value& check, CaseState&, Environment& env) {
  const Value& parent_value = check["parent"];
  const ObjectRef parent{kGroup, parent_value.str("kind"), parent_value.str("namespace"),
                         parent_value.str("name")};
  const std::string kind = check.str("routeKind");
  const Value& expect = check["expect"];
  return poll_status(
      env, "routes accepted by " + parent.to_string(), 60, 0.1,
      [&](const StatusView& view) -> std::optional<std::string> {
        for (const auto& route : check["routes"].items()) {
          if (auto failure = route_accepted_by(
                  view, env, route_ref(kind, route), parent,
                  parent_value.str("group").empty() ? kGroup : parent_value.str("group"),
                  expect["routeParentCondition"]))
            return failure;
        }
        if (parent.kind == "ListenerSet") {
          std::string why;
          const Value* status = status_or_why(view, parent, why);
          if (!status) return why;
          if (auto stale = stale_generation((*status)["conditions"], generation_of(env, parent)))
            return parent.to_string() + ": " + *stale;
        }
        return parent_listeners_ready(view, parent, expect["everyListenerConditions"]);
      });
}

CheckResult run_route_condition(const Value& check, CaseState&, Environment& env) {
  const Value& route_value = check["route"];
  const ObjectRef route = route_ref(route_value.str("kind"), route_value);
  const Value& parent = check["parent"];
  return poll_status(
      env, describe_condition(check["condition"]) + " on " + route.to_string(), 60, 0.1,
      [&](const StatusView& view) -> std::optional<std::string> {
        std::string why;
        const Value* status = status_or_why(view, route, why);
        if (!status) return why;
        std::string seen = "no parent entry for " + parent.str("name");
        for (const auto& entry : (*status)["parents"].items()) {
          const Value& ref = entry["parentRef"];
          if (ref.str("name") != parent.str("name")) continue;
          if (!ref["namespace"].is_null() && ref.str("namespace") != parent.str("namespace"))
            continue;
          auto missing = missing_condition(entry["conditions"], check["condition"]);
          if (!missing) {
            if (auto stale = stale_generation(entry["conditions"], generation_of(env, route)))
              return *stale;
            return std::nullopt;
          }
          seen = *missing;
        }
        return seen;
      });
}

CheckResult run_route_parents(const Value& check, CaseState&, Environment& env) {
  const Value& route_value = check["route"];
  const ObjectRef route = route_ref(route_value.str("kind"), route_value);
  const bool namespace_required = check["namespaceRequired"].as_bool();
  return poll_status(env, "parents of " + route.to_string(), 60, 0.1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       std::string why;
                       const Value* status = status_or_why(view, route, why);
                       if (!status) return why;
                       for (const auto& wanted : check["parents"].items()) {
                         const Value& ref = wanted["parentRef"];
                         bool found = false;
                         for (const auto& entry : (*status)["parents"].items()) {
                           const Value& actual = entry["parentRef"];
                           if (actual.str("name") != ref.str("name") ||
                               actual.str("kind") != ref.str("kind") ||
                               actual.str("group") != ref.str("group") ||
                               entry.str("controllerName") != env.controller_name) {
                             continue;
                           }
                           if ((namespace_required || !actual["namespace"].is_null()) &&
                               actual.str("namespace") != ref.str("namespace")) {
                             continue;
                           }
                           bool all = true;
                           for (const auto& condition : wanted["conditions"].items())
                             all = all && !missing_condition(entry["conditions"], condition);
                           found = found || all;
                         }
                         if (!found) return "no parent entry " + wanted.to_json();
                       }
                       return std::nullopt;
                     });
}

CheckResult run_route_has_no_accepted_parents(const Value& check, CaseState&, Environment& env) {
  const Value& route_value = check["route"];
  const ObjectRef route = route_ref(route_value.str("kind"), route_value);
  Value accepted_false = Value::map();
  accepted_false.set("type", Value::string("Accepted"));
  accepted_false.set("status", Value::string("False"));
  int empty_reads = 0;
  return poll_status(env, "no accepted parents on " + route.to_string(), 60, 1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       const Value* status = view.status_of(route);
                       const Value& parents = status ? (*status)["parents"] : Value();
                       if (parents.size() == 0) {
                         return ++empty_reads >= 2
                                    ? std::nullopt
                                    : std::optional<std::string>("parents empty once");
                       }
                       empty_reads = 0;
                       if (parents.size() == 1 &&
                           !missing_condition(parents.items()[0]["conditions"], accepted_false))
                         return std::nullopt;
                       return "parents: " + parents.to_json();
                     });
}

CheckResult run_policy_condition(const Value& check, CaseState&, Environment& env) {
  const Value& policy_value = check["policy"];
  const ObjectRef policy{kGroup, policy_value.str("kind"), policy_value.str("namespace"),
                         policy_value.str("name")};
  const Value& ancestor = check["ancestor"];
  return poll_status(
      env, describe_condition(check["condition"]) + " on " + policy.to_string(), 60, 0.1,
      [&](const StatusView& view) -> std::optional<std::string> {
        std::string why;
        const Value* status = status_or_why(view, policy, why);
        if (!status) return why;
        std::string seen = "no ancestor entry for " + ancestor.str("name");
        for (const auto& entry : (*status)["ancestors"].items()) {
          const Value& ref = entry["ancestorRef"];
          if (ref.str("name") != ancestor.str("name")) continue;
          if (!ref["namespace"].is_null() && ref.str("namespace") != ancestor.str("namespace"))
            continue;
          auto missing = missing_condition(entry["conditions"], check["condition"]);
          if (!missing) return stale_generation(entry["conditions"], generation_of(env, policy));
          seen = *missing;
        }
        return seen;
      });
}

}  // namespace lintel::conformance
