#pragma once

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "case_runner.h"
#include "options.h"
#include "selection.h"
#include "suite.h"

namespace lintel::conformance {

// One line per test as it finishes: result, checks passed, time, first failure's reason.
void print_test_line(std::FILE* out, const TestResult& result, bool verbose);

// After the run: figures per profile and level, then the failures grouped by reason.
void print_summary(std::FILE* out, const Suite& suite, const Options& options,
                   const Selection& selection, const std::map<std::string, TestResult>& results);

}  // namespace lintel::conformance
