#include "status_support.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace lintel::conformance {

CheckResult poll_status(Environment& env, const std::string& what, double timeout, double interval,
                        const StatusProbe& probe) {
  using Clock = std::chrono::steady_clock;
  if (env.status_timeout_cap > 0) timeout = std::min(timeout, env.status_timeout_cap);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(timeout));
  std::string last = "no status read";
  while (true) {
    StatusView view;
    std::string error;
    if (!view.fetch(env.lintel, error)) {
      last = error;
    } else if (!view.reports_status()) {
      CheckResult result = CheckResult::fail("status conditions not reported by Lintel yet", what);
      result.status_missing = true;
      return result;
    } else if (auto failure = probe(view); !failure) {
      return CheckResult::pass();
    } else {
      last = *failure;
    }
    if (Clock::now() >= deadline) return CheckResult::fail("status differs", what + ": " + last);
    std::this_thread::sleep_for(std::chrono::duration<double>(interval));
  }
}

long generation_of(const Environment& env, const ObjectRef& ref) {
  const Value* object = env.cluster.get(ref);
  return object ? (*object)["metadata"]["generation"].as_long(-1) : -1;
}

std::string describe_condition(const Value& condition) {
  const std::string status = condition["status"].is_null() ? "any" : condition.str("status");
  const std::string reason = condition["reason"].is_null() ? "any" : condition.str("reason");
  return condition.str("type") + "=" + status + " (" + reason + ")";
}

std::optional<std::string> missing_condition(const Value& conditions, const Value& expected) {
  std::string seen;
  for (const auto& condition : conditions.items()) {
    if (condition.str("type") == expected.str("type") &&
        (expected["status"].is_null() || condition.str("status") == expected.str("status")) &&
        (expected["reason"].is_null() || condition.str("reason") == expected.str("reason"))) {
      return std::nullopt;
    }
    seen += (seen.empty() ? "" : ", ") + describe_condition(condition);
  }
  return "no condition " + describe_condition(expected) +
         " (has: " + (seen.empty() ? "none" : seen) + ")";
}

std::optional<std::string> stale_generation(const Value& conditions, long generation) {
  if (generation < 0) return std::nullopt;
  for (const auto& condition : conditions.items()) {
    if (condition["observedGeneration"].as_long(-1) != generation) {
      return "condition " + condition.str("type") + " has observedGeneration " +
             condition["observedGeneration"].text() + ", generation is " +
             std::to_string(generation);
    }
  }
  return std::nullopt;
}

std::string target_address(Environment& env, const Value& target) {
  if (target["gateway"].is_null()) return env.lintel.address();
  StatusView view;
  std::string error;
  if (!view.fetch(env.lintel, error)) return env.lintel.address();
  const Value* status = view.status_of(gateway_ref(target["gateway"]));
  if (status) {
    for (const auto& address : (*status)["addresses"].items())
      if (!address.str("value").empty()) return address.str("value");
  }
  return env.lintel.address();
}

const Value* status_or_why(const StatusView& view, const ObjectRef& ref, std::string& why) {
  const Value* status = view.status_of(ref);
  if (!status) why = "no status for " + ref.to_string();
  return status;
}

ObjectRef gateway_ref(const Value& gateway) {
  return {"gateway.networking.k8s.io", "Gateway", gateway.str("namespace"), gateway.str("name")};
}

ObjectRef route_ref(const std::string& kind, const Value& route) {
  return {"gateway.networking.k8s.io", kind, route.str("namespace"), route.str("name")};
}

bool parent_entry_matches(const Value& entry, const ObjectRef& parent, const std::string& group,
                          const std::string& route_namespace, const std::string& controller) {
  const Value& ref = entry["parentRef"];
  const std::string ref_group =
      ref["group"].is_null() ? "gateway.networking.k8s.io" : ref.str("group");
  const std::string ref_kind = ref["kind"].is_null() ? "Gateway" : ref.str("kind");
  if (ref_group != group || ref_kind != parent.kind || ref.str("name") != parent.name) return false;
  if ((route_namespace != parent.namespace_ || !ref["namespace"].is_null()) &&
      ref.str("namespace") != parent.namespace_) {
    return false;
  }
  return entry.str("controllerName") == controller;
}

}  // namespace lintel::conformance
