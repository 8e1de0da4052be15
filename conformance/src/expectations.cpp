#include "expectations.h"

#include <fstream>

namespace lintel::conformance {

bool read_test_list(const std::filesystem::path& path, std::vector<std::string>& names,
                    std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read " + path.string();
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line = line.substr(0, hash);
    const size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos) continue;
    names.push_back(line.substr(start, line.find_last_not_of(" \t\r") - start + 1));
  }
  return true;
}

std::vector<std::string> regressions(const std::vector<std::string>& expected,
                                     const std::map<std::string, TestResult>& results,
                                     bool traffic_only) {
  std::vector<std::string> out;
  for (const auto& name : expected) {
    auto found = results.find(name);
    if (found == results.end()) {
      out.push_back(name + ": not run (not selected by the profiles, features or --run-test)");
      continue;
    }
    const TestResult& result = found->second;
    const bool ok = traffic_only ? result.verdict == TestResult::Verdict::kPass || result.traffic_ok
                                 : result.verdict == TestResult::Verdict::kPass;
    if (ok) continue;
    const auto& failure = traffic_only && result.first_real_failure ? result.first_real_failure
                                                                    : result.first_failure;
    out.push_back(name + ": " +
                  (failure ? failure->category + ": " + failure->detail
                           : std::string("no traffic check passed")));
  }
  return out;
}

}  // namespace lintel::conformance
