#pragma once

#include <functional>
#include <optional>
#include <string>

#include "checks.h"
#include "status_view.h"

namespace lintel::conformance {

// What a probe found wrong, or nothing when the status is as the check wants.
using StatusProbe = std::function<std::optional<std::string>(const StatusView&)>;

// Reads /status every `interval` seconds until the probe is satisfied or `timeout` seconds
// pass. When Lintel reports no status at all it fails at once: waiting cannot help.
CheckResult poll_status(Environment& env, const std::string& what, double timeout, double interval,
                        const StatusProbe& probe);

// metadata.generation of the object as the runner (the API server) holds it; -1 if unknown.
long generation_of(const Environment& env, const ObjectRef& ref);

// "Accepted=True (Accepted)"; null status or reason reads "any".
std::string describe_condition(const Value& condition);

// Whether `conditions` (a list) holds `expected` ({type, status|null, reason|null}); on a
// miss, what it holds instead.
std::optional<std::string> missing_condition(const Value& conditions, const Value& expected);

// Every condition carries observedGeneration == generation (no check when generation < 0).
std::optional<std::string> stale_generation(const Value& conditions, long generation);

// The status of `ref`, or the message that Lintel has none for it.
const Value* status_or_why(const StatusView& view, const ObjectRef& ref, std::string& why);

ObjectRef gateway_ref(const Value& gateway);  // {namespace, name} of a Gateway

// Where requests for a check's `target` go: the first address in the target Gateway's status
// (each Gateway has its own), or the run's Gateway address when the check names none.
std::string target_address(Environment& env, const Value& target);
ObjectRef route_ref(const std::string& kind, const Value& route);

// A status.parents entry names the Gateway (or ListenerSet) `parent` and the suite's
// controller. The namespace is compared only when the route is elsewhere or the status sets it.
bool parent_entry_matches(const Value& entry, const ObjectRef& parent, const std::string& group,
                          const std::string& route_namespace, const std::string& controller);

}  // namespace lintel::conformance
