#include "gateway_status_checks.h"

#include "route_status_checks.h"
#include "status_support.h"

namespace lintel::conformance {

namespace {

constexpr const char* kGroup = "gateway.networking.k8s.io";

// The Gateway or ListenerSet a check is about: `gateway` or `listenerSet`.
ObjectRef owner_of(const Value& check) {
  if (const Value* set = check.find("listenerSet"))
    return {kGroup, "ListenerSet", set->str("namespace"), set->str("name")};
  return gateway_ref(check["gateway"]);
}

std::optional<std::string> listeners_equal(const Value& status, const Value& expected) {
  const Value& actual = status["listeners"];
  if (actual.size() != expected.size()) {
    return "status has " + std::to_string(actual.size()) + " listeners, expected " +
           std::to_string(expected.size());
  }
  for (const auto& want : expected.items()) {
    const Value* found = nullptr;
    for (const auto& listener : actual.items()) {
      if (listener.str("name") == want.str("name")) found = &listener;
    }
    if (!found) return "no listener " + want.str("name") + " in status";
    const std::string name = "listener " + want.str("name");
    const Value& kinds = (*found)["supportedKinds"];
    if (want["supportedKinds"].size() == 0 && kinds.size() != 0)
      return name + ": supportedKinds " + kinds.to_json() + ", expected none";
    for (const auto& kind : want["supportedKinds"].items()) {
      bool present = false;
      for (const auto& have : kinds.items()) {
        present = present || (have.str("kind") == kind.str("kind") &&
                              (have["group"].is_null() ? kGroup : have.str("group")) ==
                                  (kind["group"].is_null() ? kGroup : kind.str("group")));
      }
      if (!present) return name + ": supportedKinds lacks " + kind.str("kind");
    }
    if ((*found)["attachedRoutes"].as_long(-1) != want["attachedRoutes"].as_long()) {
      return name + ": attachedRoutes " + (*found)["attachedRoutes"].text() + ", expected " +
             want["attachedRoutes"].text();
    }
    for (const auto& condition : want["conditions"].items()) {
      if (auto missing = missing_condition((*found)["conditions"], condition))
        return name + ": " + *missing;
    }
  }
  return std::nullopt;
}

}  // namespace

CheckResult run_gateway_condition(const Value& check, CaseState&, Environment& env) {
  const ObjectRef owner = owner_of(check);
  return poll_status(
      env, describe_condition(check["condition"]) + " on " + owner.to_string(), 180, 0.1,
      [&](const StatusView& view) -> std::optional<std::string> {
        std::string why;
        const Value* status = status_or_why(view, owner, why);
        if (!status) return why;
        if (auto missing = missing_condition((*status)["conditions"], check["condition"]))
          return missing;
        return stale_generation((*status)["conditions"], generation_of(env, owner));
      });
}

CheckResult run_gateway_listeners(const Value& check, CaseState&, Environment& env) {
  const ObjectRef owner = owner_of(check);
  return poll_status(env, "listeners of " + owner.to_string(), 60, 0.1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       std::string why;
                       const Value* status = status_or_why(view, owner, why);
                       if (!status) return why;
                       return listeners_equal(*status, check["listeners"]);
                     });
}

CheckResult run_gateway_listener_conditions(const Value& check, CaseState&, Environment& env) {
  const ObjectRef owner = owner_of(check);
  return poll_status(env, "listener conditions of " + owner.to_string(), 60, 0.1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       std::string why;
                       const Value* status = status_or_why(view, owner, why);
                       if (!status) return why;
                       return listeners_have(*status, check["listenerNames"], check["conditions"]);
                     });
}

CheckResult run_gateway_attached_listener_sets(const Value& check, CaseState&, Environment& env) {
  const ObjectRef owner = owner_of(check);
  return poll_status(env, "attachedListenerSets of " + owner.to_string(), 60, 0.1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       std::string why;
                       const Value* status = status_or_why(view, owner, why);
                       if (!status) return why;
                       const long count = (*status)["attachedListenerSets"].as_long(0);
                       if (count == check["count"].as_long()) return std::nullopt;
                       return "attachedListenerSets " + std::to_string(count) + ", expected " +
                              check["count"].text();
                     });
}

CheckResult run_gateway_has_zero_routes(const Value& check, CaseState&, Environment& env) {
  const ObjectRef owner = owner_of(check);
  return poll_status(
      env, "no routes on " + owner.to_string(), 60, 0.1,
      [&](const StatusView& view) -> std::optional<std::string> {
        std::string why;
        const Value* status = status_or_why(view, owner, why);
        if (!status) return why;
        const Value& listeners = (*status)["listeners"];
        if (listeners.size() == 0) return std::nullopt;
        if (listeners.size() == 1 && listeners.items()[0]["attachedRoutes"].as_long(-1) == 0)
          return std::nullopt;
        return "listeners: " + listeners.to_json();
      });
}

CheckResult run_gateway_has_address(const Value& check, CaseState&, Environment& env) {
  const ObjectRef owner = owner_of(check);
  return poll_status(env, "address of " + owner.to_string(), 180, 0.1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       std::string why;
                       const Value* status = status_or_why(view, owner, why);
                       if (!status) return why;
                       for (const auto& address : (*status)["addresses"].items()) {
                         if (!address.str("type").empty())
                           return stale_generation((*status)["conditions"],
                                                   generation_of(env, owner));
                       }
                       return "no address with a type in status";
                     });
}

CheckResult run_gateway_class_accepted(const Value& check, CaseState&, Environment& env) {
  const ObjectRef owner{kGroup, "GatewayClass", "", check.str("gatewayClass")};
  Value accepted = Value::map();
  accepted.set("type", Value::string("Accepted"));
  accepted.set("status", check["status"]);
  return poll_status(env, "Accepted on " + owner.to_string(), 180, 0.1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       std::string why;
                       const Value* status = status_or_why(view, owner, why);
                       if (!status) return why;
                       if (auto missing = missing_condition((*status)["conditions"], accepted))
                         return missing;
                       return stale_generation((*status)["conditions"], generation_of(env, owner));
                     });
}

CheckResult run_namespaces_ready(const Value& check, CaseState&, Environment& env) {
  Value accepted = Value::map();
  accepted.set("type", Value::string("Accepted"));
  accepted.set("status", Value::string("True"));
  Value programmed = accepted;
  programmed.set("type", Value::string("Programmed"));
  return poll_status(
      env, "Gateways ready in " + check["namespaces"].to_json(), 300, 0.1,
      [&](const StatusView& view) -> std::optional<std::string> {
        for (const Value* gateway : env.cluster.list("Gateway")) {
          const ObjectRef ref = ref_of(*gateway);
          bool listed = false;
          for (const auto& name : check["namespaces"].items())
            listed = listed || name.text() == ref.namespace_;
          if (!listed || (*gateway)["metadata"]["annotations"].str(
                             "gateway-api/skip-this-for-readiness") == "true") {
            continue;
          }
          std::string why;
          const Value* status = status_or_why(view, ref, why);
          if (!status) return why;
          for (const Value* wanted : {&accepted, &programmed}) {
            if (auto missing = missing_condition((*status)["conditions"], *wanted))
              return ref.to_string() + ": " + *missing;
          }
          if (auto stale = stale_generation((*status)["conditions"], generation_of(env, ref)))
            return ref.to_string() + ": " + *stale;
        }
        return std::nullopt;
      });
}

CheckResult run_observed_generation_current(const Value& check, CaseState&, Environment& env) {
  const Value& object = check["object"];
  const ObjectRef ref{kGroup, object.str("kind"), object.str("namespace"), object.str("name")};
  const bool wait = check["wait"].as_bool(true);
  return poll_status(env, "observedGeneration of " + ref.to_string(), wait ? 60 : 0, 0.1,
                     [&](const StatusView& view) -> std::optional<std::string> {
                       std::string why;
                       const Value* status = status_or_why(view, ref, why);
                       if (!status) return why;
                       const long generation = generation_of(env, ref);
                       if (auto stale = stale_generation((*status)["conditions"], generation))
                         return stale;
                       for (const char* list : {"parents", "ancestors"}) {
                         for (const auto& entry : (*status)[list].items()) {
                           if (auto stale = stale_generation(entry["conditions"], generation))
                             return stale;
                         }
                       }
                       return std::nullopt;
                     });
}

CheckResult run_generation_changed(const Value& check, CaseState& state, Environment&) {
  const Value& object = check["object"];
  const ObjectRef ref{kGroup, object.str("kind"), object.str("namespace"), object.str("name")};
  std::lock_guard lock(state.mutex);
  auto found = state.generations.find(ref);
  if (found == state.generations.end())
    return CheckResult::fail("runner could not run the step",
                             "no action changed " + ref.to_string());
  if (found->second.first == found->second.second) {
    return CheckResult::fail("status differs", ref.to_string() + " kept generation " +
                                                   std::to_string(found->second.first));
  }
  return CheckResult::pass();
}

}  // namespace lintel::conformance
