#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "case_runner.h"

namespace lintel::conformance {

// Test names listed in a file, one per line; blank lines and # comments are ignored.
bool read_test_list(const std::filesystem::path& path, std::vector<std::string>& names,
                    std::string& error);

// The listed tests that did not pass (or, with `traffic_only`, whose traffic checks did not
// all pass), each with why.
std::vector<std::string> regressions(const std::vector<std::string>& expected,
                                     const std::map<std::string, TestResult>& results,
                                     bool traffic_only);

}  // namespace lintel::conformance
