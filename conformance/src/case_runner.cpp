#include "case_runner.h"

#include <chrono>
#include <thread>

#include "lintel_sync.h"
#include "manifests.h"
#include "status_view.h"

namespace lintel::conformance {

namespace {

constexpr size_t kParallelSubtests = 8;

// Consecutive checks of one subtest; a check outside any subtest is a block of its own.
struct Block {
  std::vector<size_t> checks;
  bool subtest = false;
  bool parallel = false;
};

std::vector<Block> blocks_of(const Value& checks) {
  std::vector<Block> out;
  std::string current;
  for (size_t i = 0; i < checks.items().size(); ++i) {
    const Value& check = checks.items()[i];
    const std::string subtest = check.str("subtest");
    const bool parallel = is_parallel_kind(check.str("kind"));
    if (subtest.empty() || out.empty() || subtest != current) {
      out.push_back({{}, !subtest.empty(), !subtest.empty()});
      current = subtest;
    }
    out.back().checks.push_back(i);
    out.back().parallel = out.back().parallel && parallel;
  }
  return out;
}

CheckResult run_one(const Value& check, CaseState& state, Environment& env) {
  const std::string kind = check.str("kind");
  CheckFunction function = check_function(kind);
  if (!function)
    return CheckResult::fail("check kind not run by the runner",
                             kind + " checks are not implemented");
  return function(check, state, env);
}

// Runs a block's checks in order until one fails for real. True when the test must stop
// (a failure outside any subtest, or endTestIf).
bool run_block(const Block& block, const Value& checks, CaseState& state, Environment& env,
               std::vector<std::optional<CheckResult>>& results, bool& ended) {
  for (size_t index : block.checks) {
    CheckResult result = run_one(checks.items()[index], state, env);
    const bool real_failure = !result.passed() && !result.status_missing;
    if (result.outcome == CheckResult::Outcome::kEndTest) ended = true;
    results[index] = std::move(result);
    if (ended) return true;
    if (real_failure) return !block.subtest;
  }
  return false;
}

std::vector<std::string> lintel_notes(Environment& env, const std::vector<ObjectRef>& objects) {
  std::vector<std::string> out;
  StatusView view;
  std::string error;
  if (!view.fetch(env.lintel, error)) return {"cannot read /status: " + error};
  for (const auto& ref : objects) {
    const std::string name =
        ref.kind + " " + (ref.namespace_.empty() ? "" : ref.namespace_ + "/") + ref.name;
    for (const auto& note : view.not_served_yet(name)) out.push_back("not served yet: " + note);
    const std::string file = env.cluster.file_of(ref).filename().string();
    for (const auto& entry : view.document()["manifestErrors"].items()) {
      if (entry.str("file").find(file) != std::string::npos)
        out.push_back("rejected " + ref.to_string() + ": " + entry.str("message"));
    }
  }
  return out;
}

}  // namespace

TestResult run_case(const Case& test, Environment& env, const std::string& gateway_class) {
  const auto start = std::chrono::steady_clock::now();
  TestResult result;
  result.name = test.name;
  CaseState state(test);

  std::vector<ObjectRef> applied;
  for (const auto& manifest : test.manifests) {
    std::vector<Value> objects;
    std::string error;
    if (!load_manifest(env.suite.manifest_path(manifest), gateway_class, env.controller_name,
                       objects, error)) {
      result.verdict = TestResult::Verdict::kFail;
      result.first_failure = result.first_real_failure =
          CheckResult::fail("runner could not run the step", error);
      return result;
    }
    for (auto& object : objects) {
      applied.push_back(ref_of(object));
      env.cluster.apply(std::move(object));
    }
  }
  std::string sync_error;
  if (!sync_lintel(env, sync_error)) {
    result.lintel_notes.push_back(sync_error);
  }

  const Value& checks = *test.checks;
  std::vector<std::optional<CheckResult>> results(checks.items().size());
  const auto blocks = blocks_of(checks);
  bool stop = false, ended = false;
  for (size_t b = 0; b < blocks.size() && !stop;) {
    if (!blocks[b].parallel) {
      stop = run_block(blocks[b], checks, state, env, results, ended);
      ++b;
      continue;
    }
    // A run of parallel subtests, a few at a time.
    size_t end = b;
    while (end < blocks.size() && blocks[end].parallel && end - b < kParallelSubtests) ++end;
    std::vector<std::thread> threads;
    for (size_t i = b; i < end; ++i) {
      threads.emplace_back([&, i] {
        bool unused = false;
        run_block(blocks[i], checks, state, env, results, unused);
      });
    }
    for (auto& thread : threads) thread.join();
    b = end;
  }

  bool traffic_seen = false;
  result.traffic_ok = true;
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& outcome = results[i];
    if (!outcome) continue;
    ++result.checks;
    if (outcome->passed()) {
      ++result.passed;
      if (is_traffic_kind(checks.items()[i].str("kind"))) traffic_seen = true;
      continue;
    }
    if (!result.first_failure) result.first_failure = outcome;
    if (!outcome->status_missing && !result.first_real_failure) result.first_real_failure = outcome;
  }
  result.traffic_ok = traffic_seen && !result.first_real_failure;
  result.verdict = result.first_failure ? TestResult::Verdict::kFail : TestResult::Verdict::kPass;
  if (result.first_failure) {
    std::vector<ObjectRef> mentioned = applied;
    mentioned.insert(mentioned.end(), state.created.begin(), state.created.end());
    auto notes = lintel_notes(env, mentioned);
    result.lintel_notes.insert(result.lintel_notes.end(), notes.begin(), notes.end());
  }

  for (const auto& ref : applied) env.cluster.remove(ref);
  for (const auto& ref : state.created) env.cluster.remove(ref);
  if (!sync_lintel(env, sync_error)) result.lintel_notes.push_back("cleanup: " + sync_error);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace lintel::conformance
