#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "certificates.h"
#include "cluster.h"
#include "fleet.h"
#include "lintel_process.h"
#include "suite.h"
#include "value.h"

namespace lintel::conformance {

struct CheckResult {
  enum class Outcome { kPass, kFail, kEndTest };
  Outcome outcome = Outcome::kPass;
  std::string category;  // what kind of failure, for the grouped summary
  std::string detail;    // this failure in particular
  // Failed only because Lintel does not report status yet: the test keeps running so that
  // its traffic checks still say something.
  bool status_missing = false;

  bool passed() const { return outcome != Outcome::kFail; }
  static CheckResult pass() { return {}; }
  static CheckResult fail(std::string category, std::string detail) {
    return {Outcome::kFail, std::move(category), std::move(detail), false};
  }
};

// Everything a check may use; shared by every test of a run.
struct Environment {
  Environment(const Suite& s, Cluster& c, Fleet& f, LintelProcess& l, Certificates& t)
      : suite(s), cluster(c), fleet(f), lintel(l), certificates(t) {}

  const Suite& suite;
  Cluster& cluster;
  Fleet& fleet;
  LintelProcess& lintel;
  Certificates& certificates;
  std::set<std::string> declared_features;
  std::string controller_name;
  std::filesystem::path scratch;        // temporary files of checks
  double max_time_to_consistency = 30;  // seconds, upstream's MaxTimeToConsistency
  double status_timeout_cap = 0;        // seconds; caps every status check's wait when > 0
  int required_consecutive_successes = 3;
};

// What one test's checks share while it runs.
struct CaseState {
  const Case& test;
  std::mutex mutex;
  std::set<ObjectRef> created;                             // deleted at the end of the test
  std::map<std::string, std::string> subtest_ids;          // uniqueQueryParam, scope subtest
  std::map<ObjectRef, std::pair<long, long>> generations;  // before/after the last action

  explicit CaseState(const Case& c) : test(c) {}
  // The subtest's request id for uniqueQueryParam, made on first use.
  std::string subtest_id(const std::string& subtest);
};

using CheckFunction = CheckResult (*)(const Value& check, CaseState& state, Environment& env);

// The function running checks of `kind`, or nullptr when the runner cannot run that kind.
CheckFunction check_function(const std::string& kind);
// Kinds that only send requests and read replies or logs: they may run beside each other.
bool is_parallel_kind(const std::string& kind);
// Kinds that read Lintel's /status.
bool is_status_kind(const std::string& kind);
// Kinds that exercise the data plane (what a test's traffic verdict is made of).
bool is_traffic_kind(const std::string& kind);

// A fresh random UUID (version 4), as upstream's request ids.
std::string random_uuid();

}  // namespace lintel::conformance
