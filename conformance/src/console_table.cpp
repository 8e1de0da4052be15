#include "console_table.h"

#include <algorithm>

#include "report.h"

namespace lintel::conformance {

namespace {

const char* verdict_word(TestResult::Verdict verdict) {
  switch (verdict) {
    case TestResult::Verdict::kPass:
      return "PASS";
    case TestResult::Verdict::kFail:
      return "FAIL";
    case TestResult::Verdict::kSkip:
      return "SKIP";
  }
  return "?";
}

std::string shorten(const std::string& text, size_t limit) {
  return text.size() <= limit ? text : text.substr(0, limit - 3) + "...";
}

constexpr const char* kIndent = "                                                                ";

}  // namespace

void print_test_line(std::FILE* out, const TestResult& result, bool verbose) {
  const std::string checks = std::to_string(result.passed) + "/" + std::to_string(result.checks);
  std::string reason;
  if (result.first_failure)
    reason = result.first_failure->category + ": " + result.first_failure->detail;
  if (result.verdict == TestResult::Verdict::kSkip) reason = result.skip_reason;
  const size_t limit = verbose ? 100000 : 160;
  std::fprintf(out, "%-54s %-4s %7s %6.1fs  %s\n", result.name.c_str(),
               verdict_word(result.verdict), checks.c_str(), result.seconds,
               shorten(reason, limit).c_str());
  if (result.first_failure && result.first_failure->status_missing) {
    if (result.first_real_failure) {
      const auto& real = *result.first_real_failure;
      std::fprintf(out, "%s  then: %s\n", kIndent,
                   shorten(real.category + ": " + real.detail, limit).c_str());
    } else if (result.traffic_ok) {
      std::fprintf(out, "%s  traffic checks all pass\n", kIndent);
    }
  }
  const size_t notes =
      verbose ? result.lintel_notes.size() : std::min<size_t>(3, result.lintel_notes.size());
  for (size_t i = 0; i < notes; ++i)
    std::fprintf(out, "%s  lintel: %s\n", kIndent, shorten(result.lintel_notes[i], limit).c_str());
  std::fflush(out);
}

void print_summary(std::FILE* out, const Suite& suite, const Options& options,
                   const Selection& selection, const std::map<std::string, TestResult>& results) {
  std::fprintf(out, "\n%-14s %-9s %6s %6s %7s  %s\n", "PROFILE", "LEVEL", "PASSED", "FAILED",
               "SKIPPED", "RESULT");
  for (const auto& profile : options.profiles) {
    for (const char* level : {"core", "extended"}) {
      const LevelFigures figures = figures_for(suite, profile, level, selection, results);
      std::fprintf(out, "%-14s %-9s %6zu %6zu %7zu  %s\n", profile.c_str(), level,
                   figures.passed.size(), figures.failed.size(), figures.skipped.size(),
                   figures.result().c_str());
    }
  }
  int traffic_ok = 0;
  for (const auto& [name, result] : results)
    traffic_ok += result.verdict == TestResult::Verdict::kFail && result.traffic_ok;
  std::fprintf(out, "tests failing only because Lintel reports no status yet: %d\n", traffic_ok);

  // The first failure of each test that is not about status reporting, grouped by category.
  std::map<std::string, std::vector<std::string>> groups;
  for (const auto& [name, result] : results) {
    if (result.verdict != TestResult::Verdict::kFail) continue;
    std::string category;
    if (result.first_real_failure) {
      category = result.first_real_failure->category;
    } else {
      category = result.traffic_ok ? "no status reported; every traffic check passes"
                                   : "no status reported; the test has no traffic check";
    }
    groups[category].push_back(name);
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> sorted(groups.begin(),
                                                                       groups.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  if (!sorted.empty())
    std::fprintf(out, "\nFAILURES BY REASON (first failure other than status reporting)\n");
  for (const auto& [category, names] : sorted) {
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    std::fprintf(out, "%3zu  %s: %s\n", names.size(), category.c_str(), list.c_str());
  }
  std::fflush(out);
}

}  // namespace lintel::conformance
