#include "action_steps.h"

#include <regex>

#include "fleet.h"
#include "json_patch.h"
#include "lintel_sync.h"

namespace lintel::conformance {

namespace {

CheckResult cannot_run(const std::string& why) {
  return CheckResult::fail("runner could not run the step", why);
}

// Replaces `<data["key"] of Kind ns/name>` with that data of that object in the cluster.
bool resolve_placeholders(Value& value, const Cluster& cluster, std::string& error) {
  if (value.is_map()) {
    for (auto& [key, item] : value.entries())
      if (!resolve_placeholders(item, cluster, error)) return false;
    return true;
  }
  if (value.is_list()) {
    for (auto& item : value.items())
      if (!resolve_placeholders(item, cluster, error)) return false;
    return true;
  }
  static const std::regex pattern(R"re(^<data\["([^"]+)"\] of (\w+) ([^/ ]+)/([^> ]+)>$)re");
  std::smatch match;
  if (!value.is_scalar() || !std::regex_match(value.text(), match, pattern)) return true;
  const ObjectRef source{"", match[2], match[3], match[4]};
  const Value* object = cluster.get(source);
  if (!object) {
    error = "placeholder names " + source.to_string() + ", which does not exist";
    return false;
  }
  value = Value::string((*object)["data"].str(match[1].str()));
  return true;
}

ObjectRef action_ref(const Value& object, const std::string& name) {
  return {group_of_api_version(object.str("apiVersion")), object.str("kind"),
          object.str("namespace"), name};
}

// The one patch the data gives only in words (HTTPRouteServiceTypes): fill manually managed
// EndpointSlices with the addresses of the pods of the Deployment the summary names.
CheckResult fill_endpoint_slices(const Value& check, Environment& env) {
  const std::string summary = check.str("summary");
  const Value* deployment = nullptr;
  for (const Value* candidate : env.cluster.list("Deployment")) {
    const std::string name = (*candidate)["metadata"].str("name");
    if (summary.find(" " + name + " ") != std::string::npos &&
        (!deployment || name.size() > (*deployment)["metadata"].str("name").size()))
      deployment = candidate;
  }
  if (!deployment) return cannot_run("no Deployment named in: " + summary);
  const ObjectRef deployment_ref = ref_of(*deployment);
  const auto pods = env.fleet.pods_of_deployment(deployment_ref.namespace_, deployment_ref.name);
  if (pods.empty()) return cannot_run("Deployment " + deployment_ref.name + " has no pods");
  const Value& object = check["object"];
  for (const auto& name : object["names"].items()) {
    const ObjectRef ref = action_ref(object, name.text());
    const Value* stored = env.cluster.get(ref);
    if (!stored) return cannot_run("no " + ref.to_string());
    // The pods have IPv4 addresses only; an IPv6 slice stays empty and is left alone.
    if ((*stored).str("addressType") != "IPv4") continue;
    Value slice = *stored;
    Value endpoints = Value::list();
    for (const Pod* pod : pods) {
      endpoints.push(endpoint_of(*pod));
    }
    slice.set("endpoints", std::move(endpoints));
    env.cluster.apply(std::move(slice));
  }
  return CheckResult::pass();
}

CheckResult settle(Environment& env) {
  std::string error;
  if (!sync_lintel(env, error)) return cannot_run(error);
  return CheckResult::pass();
}

}  // namespace

CheckResult run_action(const Value& check, CaseState& state, Environment& env) {
  const std::string verb = check.str("verb");
  const Value& object = check["object"];
  if (verb == "apply") {
    Value manifest = check["manifest"];
    std::string error;
    if (!resolve_placeholders(manifest, env.cluster, error)) return cannot_run(error);
    {
      std::lock_guard lock(state.mutex);
      state.created.insert(ref_of(manifest));
    }
    env.cluster.apply(std::move(manifest));
    return settle(env);
  }
  const ObjectRef ref = action_ref(object, object.str("name"));
  if (verb == "delete") {
    if (!env.cluster.remove(ref)) return cannot_run("no " + ref.to_string() + " to delete");
    return settle(env);
  }
  if (verb != "patch") return cannot_run("unknown verb " + verb);
  if (!check.find("jsonPatch")) {
    if (object.str("kind") == "EndpointSlice" && object.find("names")) {
      CheckResult filled = fill_endpoint_slices(check, env);
      return filled.passed() ? settle(env) : filled;
    }
    return cannot_run("patch given only in words: " + check.str("summary"));
  }
  const Value* stored = env.cluster.get(ref);
  if (!stored) return cannot_run("no " + ref.to_string() + " to patch");
  Value patched = *stored;
  Value patch = check["jsonPatch"];
  std::string error;
  if (!resolve_placeholders(patch, env.cluster, error) ||
      !apply_json_patch(patched, patch, error)) {
    return cannot_run(ref.to_string() + ": " + error);
  }
  const long before = (*stored)["metadata"]["generation"].as_long(-1);
  env.cluster.apply(std::move(patched));
  const long after = (*env.cluster.get(ref))["metadata"]["generation"].as_long(-1);
  {
    std::lock_guard lock(state.mutex);
    state.generations[ref] = {before, after};
  }
  return settle(env);
}

CheckResult run_end_test_if(const Value& check, CaseState&, Environment& env) {
  if (const Value* declared = check.find("declared");
      declared && env.declared_features.count(declared->text())) {
    return {CheckResult::Outcome::kEndTest, "", "", false};
  }
  if (const Value* undeclared = check.find("notDeclared");
      undeclared && !env.declared_features.count(undeclared->text())) {
    return {CheckResult::Outcome::kEndTest, "", "", false};
  }
  return CheckResult::pass();
}

// A manual step the data words as a precondition on an object the test applied, "precondition:
// Gateway NAME has exactly N listeners before the patch", is checked on the object as the
// runner's cluster holds it; any other manual step cannot be run.
CheckResult run_manual(const Value& check, CaseState&, Environment& env) {
  static const std::regex kCount(
      R"(precondition: (\w+) (\S+) has exactly (\d+) (\w+) before the patch)");
  const std::string summary = check.str("summary");
  std::smatch words;
  if (!std::regex_match(summary, words, kCount)) return cannot_run("manual step: " + summary);
  const std::string kind = words[1], name = words[2], field = words[4];
  const long wanted = std::stol(words[3]);
  for (const Value* object : env.cluster.list(kind)) {
    if ((*object)["metadata"].str("name") != name) continue;
    const long found = static_cast<long>((*object)["spec"][field].size());
    if (found == wanted) return CheckResult::pass();
    return CheckResult::fail("precondition does not hold", kind + " " + name + " has " +
                                                               std::to_string(found) + " " + field +
                                                               ", not " + std::to_string(wanted));
  }
  return cannot_run("manual step: no " + kind + " " + name + " applied: " + summary);
}

}  // namespace lintel::conformance
