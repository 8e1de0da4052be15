// lintel-conformance: runs the Gateway API conformance cases (reference data, read at run time)
// against a real `lintel run` serving a manifest folder, with `lintel echo` processes as the
// backends, and writes upstream's ConformanceReport.
#include <signal.h>
#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "case_runner.h"
#include "certificates.h"
#include "cluster.h"
#include "console_table.h"
#include "expectations.h"
#include "fleet.h"
#include "lintel_process.h"
#include "lintel_sync.h"
#include "manifests.h"
#include "options.h"
#include "process.h"
#include "report.h"
#include "run_network.h"
#include "selection.h"
#include "suite.h"

namespace lc = lintel::conformance;

namespace {

constexpr int kSkipped = 77;  // CTest's SKIP_RETURN_CODE: the reference suite is not here

int fail_setup(const std::string& what) {
  std::fprintf(stderr, "lintel-conformance: %s\n", what.c_str());
  return 2;
}

// Every port a run may dial or listen on: listeners in the manifests, ports checks dial.
std::set<int> ports_of_run(const lc::Suite& suite, const lc::Selection& selection,
                           const std::vector<lc::Value>& base, const lc::Options& options) {
  std::set<int> ports;
  lc::collect_listener_ports(base, ports);
  for (const lc::Case* test : selection.to_run) {
    for (const auto& manifest : test->manifests) {
      std::vector<lc::Value> objects;
      std::string ignored;
      if (lc::load_manifest(suite.manifest_path(manifest), options.gateway_class,
                            options.controller_name, objects, ignored))
        lc::collect_listener_ports(objects, ports);
    }
    for (const auto& check : test->checks->items()) {
      for (const lc::Value* target : {&check["target"], &check["request"]["target"]}) {
        if ((*target)["port"].as_long(0) > 0)
          ports.insert(static_cast<int>((*target)["port"].as_long()));
      }
    }
  }
  return ports;
}

std::filesystem::path make_work_dir(const lc::Options& options) {
  if (!options.work_dir.empty()) {
    std::filesystem::create_directories(options.work_dir);
    return std::filesystem::absolute(options.work_dir);
  }
  std::string pattern =
      (std::filesystem::temp_directory_path() / "lintel-conformance-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return {};
  return pattern;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  std::string error;
  auto parsed = lc::parse_options(argc - 1, argv + 1, error);
  if (!parsed) {
    std::fputs(lc::kUsage, error.empty() ? stdout : stderr);
    if (!error.empty()) std::fprintf(stderr, "\nlintel-conformance: %s\n", error.c_str());
    return error.empty() ? 0 : 2;
  }
  lc::Options options = *parsed;
  if (options.suite.empty()) options.suite = LINTEL_DEFAULT_SUITE;
  if (options.lintel.empty()) options.lintel = LINTEL_DEFAULT_BINARY;
  if (!std::filesystem::exists(options.suite / "cases.json")) {
    std::fprintf(stderr, "lintel-conformance: no reference suite at %s (--suite DIR)\n",
                 options.suite.c_str());
    return kSkipped;
  }
  for (const char* program : {"curl", "openssl"}) {
    if (lc::find_program(program).empty()) return fail_setup(std::string("needs ") + program);
  }
  options.lintel = std::filesystem::absolute(options.lintel).string();
  if (lc::find_program(options.lintel).empty())
    return fail_setup("no lintel binary at " + options.lintel);

  lc::Suite suite;
  if (!lc::load_suite(options.suite, suite, error)) return fail_setup(error);
  lc::Selection selection;
  if (!lc::select_tests(suite, options, selection, error)) return fail_setup(error);

  const std::filesystem::path work = make_work_dir(options);
  if (work.empty()) return fail_setup("cannot make a work folder");
  std::filesystem::create_directories(work / "scratch");

  std::vector<lc::Value> base;
  if (!lc::load_manifest(suite.manifest_path("base/manifests.yaml"), options.gateway_class,
                         options.controller_name, base, error))
    return fail_setup(error);
  lc::Cluster cluster(work / "manifests");
  cluster.apply(lc::gateway_class_object(options.gateway_class, options.controller_name));
  for (const auto& object : base) cluster.apply(object);
  lc::Certificates certificates(work / "certificates");
  if (!certificates.create(cluster, error)) return fail_setup(error);
  std::set<int> ports = ports_of_run(suite, selection, base, options);
  ports.insert(1);  // Lintel's Ingress listener
  lc::RunNetwork network;
  if (!lc::choose_run_network(ports, network, error)) return fail_setup(error);
  lc::Fleet fleet(options.lintel, work / "pods", network.prefix);
  if (!fleet.reconcile(cluster, error)) return fail_setup(error);

  auto lintel = lc::LintelProcess::start(options.lintel, cluster.folder(), network,
                                         work / "lintel.log", error);
  if (!lintel) return fail_setup(error);

  lc::Environment env{suite, cluster, fleet, *lintel, certificates};
  env.declared_features = selection.declared_features;
  env.controller_name = options.controller_name;
  env.scratch = work / "scratch";
  env.max_time_to_consistency = options.max_time_to_consistency;
  env.status_timeout_cap = options.status_timeout;
  if (!lc::sync_lintel(env, error)) return fail_setup(error);

  const std::string version = lc::lintel_version(options.lintel);
  std::printf("lintel-conformance: lintel %s, suite %s, profiles", version.c_str(),
              suite.gateway_api_version.c_str());
  for (const auto& profile : options.profiles) std::printf(" %s", profile.c_str());
  std::printf("; %zu tests to run, %zu skipped\n", selection.to_run.size(),
              selection.skipped.size());
  std::printf("work folder %s; Gateways on %s, ports +%d; admin port %d; %zu echo pods\n",
              work.c_str(), network.gateway_address.c_str(), network.port_offset,
              lintel->admin_port(), fleet.pods().size());
  for (const auto& [deployment, why] : fleet.not_emulated())
    std::printf("no pods for Deployment %s: %s\n", deployment.c_str(), why.c_str());
  std::printf("\n%-54s %-4s %7s %7s  %s\n", "TEST", "", "CHECKS", "TIME", "FIRST FAILURE");

  std::map<std::string, lc::TestResult> results;
  for (const lc::Case* test : selection.to_run) {
    lc::TestResult result = lc::run_case(*test, env, options.gateway_class);
    if (!lintel->alive()) {
      const std::string crash = "lintel run exited during this test (status " +
                                std::to_string(lintel->exit_status()) + "); see " +
                                lintel->log().string();
      result.verdict = lc::TestResult::Verdict::kFail;
      result.first_real_failure = lc::CheckResult::fail("lintel crashed", crash);
      if (!result.first_failure) result.first_failure = result.first_real_failure;
      result.traffic_ok = false;
      if (!lintel->restart(error)) {
        lc::print_test_line(stdout, result, options.verbose);
        return fail_setup("cannot restart lintel: " + error);
      }
    }
    lc::print_test_line(stdout, result, options.verbose);
    results[test->name] = std::move(result);
  }
  for (const auto& name : selection.skipped) {
    if (!options.verbose) break;  // the summary counts them
    lc::TestResult skipped;
    skipped.name = name;
    skipped.skip_reason = "excluded by --run-test / --skip-test";
    lc::print_test_line(stdout, skipped, options.verbose);
  }
  lc::print_summary(stdout, suite, options, selection, results);

  if (!options.report.empty()) {
    std::ofstream out(options.report);
    out << lc::conformance_report(suite, options, selection, results, version);
    std::printf("\nreport written to %s\n", options.report.c_str());
  }

  int status = 0;
  bool expectations = false;
  for (const auto& [path, traffic_only] :
       {std::pair{options.expect_pass, false}, std::pair{options.expect_traffic_pass, true}}) {
    if (path.empty()) continue;
    expectations = true;
    std::vector<std::string> expected;
    if (!lc::read_test_list(path, expected, error)) return fail_setup(error);
    const auto missed = lc::regressions(expected, results, traffic_only);
    std::printf("\n%s: %zu listed, %zu regressed\n", path.c_str(), expected.size(), missed.size());
    for (const auto& line : missed) std::printf("  REGRESSION %s\n", line.c_str());
    if (!missed.empty()) status = 1;
  }
  if (!expectations) {
    for (const auto& [name, result] : results)
      if (result.verdict == lc::TestResult::Verdict::kFail) status = 1;
  }
  lintel.reset();
  if (options.work_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(work, ignored);
  }
  return status;
}
