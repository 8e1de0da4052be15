#pragma once

#include <map>
#include <string>

#include "case_runner.h"
#include "options.h"
#include "selection.h"
#include "suite.h"

namespace lintel::conformance {

// Passed / failed / skipped of one level (core or extended) of one profile.
struct LevelFigures {
  std::vector<std::string> passed, failed, skipped;
  std::string result() const;  // success | partial | failure
};

LevelFigures figures_for(const Suite& suite, const std::string& profile, const std::string& level,
                         const Selection& selection,
                         const std::map<std::string, TestResult>& results);

// The ConformanceReport upstream's suite writes (features.md, "The conformance report").
std::string conformance_report(const Suite& suite, const Options& options,
                               const Selection& selection,
                               const std::map<std::string, TestResult>& results,
                               const std::string& version);

}  // namespace lintel::conformance
