#include "http_check.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "http_expectation.h"
#include "http_request_builder.h"

namespace lintel::conformance {

namespace {

using Clock = std::chrono::steady_clock;

Clock::duration seconds(double value) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(value));
}

void pause_until(Clock::time_point deadline, Clock::duration pause) {
  const auto wake = std::min(deadline, Clock::now() + pause);
  std::this_thread::sleep_until(wake);
}

// The request id of this attempt: per attempt, per subtest, or none.
std::string unique_id_for(const Value& check, CaseState& state) {
  const Value& unique = check["uniqueQueryParam"];
  if (unique.str("name").empty()) return "";
  if (unique.str("scope") == "attempt") return random_uuid();
  return state.subtest_id(check.str("subtest"));
}

std::string backend_path_for(const Value& check, const std::string& unique_id) {
  const Value& expected = check["backendRequest"];
  std::string path = expected.str("path");
  const std::string name = check["uniqueQueryParam"].str("name");
  if (!unique_id.empty() && !name.empty() && expected.find("path"))
    path = with_query_parameter(path, name, unique_id);
  return path;
}

CheckResult expect_failure(const Value& check, CaseState& state, Environment& env) {
  const Value& response = check["response"];
  const long wanted = response["consecutive"].as_long(5);
  std::vector<long> forbidden;
  for (const auto& code : response["notStatusCodes"].items()) forbidden.push_back(code.as_long());
  if (forbidden.empty()) forbidden.push_back(200);
  const auto deadline = Clock::now() + seconds(env.max_time_to_consistency);
  long in_a_row = 0;
  std::string last = "no attempt finished";
  while (Clock::now() < deadline) {
    const HttpRequest request = build_request(check, env, unique_id_for(check, state));
    const HttpResponse got = send_http(request, env.scratch);
    if (!got.transport_ok || got.status == 408 || got.status == 504) {
      last = got.transport_ok ? "status " + std::to_string(got.status) : got.transport_error;
      pause_until(deadline, std::chrono::seconds(1));
      continue;
    }
    for (long code : forbidden) {
      if (got.status == code) {
        return CheckResult::fail("request should have failed", describe(request) + ": got " +
                                                                   std::to_string(got.status) +
                                                                   ", expected an error answer");
      }
    }
    if (++in_a_row >= wanted) return CheckResult::pass();
  }
  return CheckResult::fail("request should have failed",
                           "no " + std::to_string(wanted) + " error answers in a row: " + last);
}

}  // namespace

CheckResult run_http_check(const Value& check, CaseState& state, Environment& env) {
  if (check["expectFailure"].as_bool()) return expect_failure(check, state, env);
  const auto deadline = Clock::now() + seconds(env.max_time_to_consistency);
  int in_a_row = 0;
  CheckResult last = CheckResult::fail("no HTTP response", "no attempt finished");
  while (Clock::now() < deadline) {
    const std::string unique_id = unique_id_for(check, state);
    const HttpRequest request = build_request(check, env, unique_id);
    const HttpResponse got = send_http(request, env.scratch);
    auto failure = compare_http(check, request, got, backend_path_for(check, unique_id));
    if (!failure && check["tls"]["expectCertificateRequest"].as_bool() &&
        !got.certificate_requested) {
      failure = CheckResult::fail("client certificate not requested",
                                  describe(request) +
                                      ": the server did not ask for a client "
                                      "certificate");
    }
    if (!failure) {
      if (++in_a_row >= env.required_consecutive_successes) return CheckResult::pass();
      continue;
    }
    in_a_row = 0;
    last = std::move(*failure);
    pause_until(deadline, std::chrono::seconds(1));
  }
  return last;
}

CheckResult run_tls_request_fails(const Value& check, CaseState&, Environment& env) {
  const HttpRequest request = build_request(check, env, "");
  const HttpResponse got = send_http(request, env.scratch);
  if (!got.transport_ok) return CheckResult::pass();
  return CheckResult::fail("TLS request should have failed",
                           describe(request) + ": got HTTP " + std::to_string(got.status));
}

}  // namespace lintel::conformance
