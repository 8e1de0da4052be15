#pragma once

#include <set>
#include <string>
#include <vector>

#include "options.h"
#include "suite.h"

namespace lintel::conformance {

// Which tests a run counts, by upstream's rules: a test counts in a profile when it belongs to
// it and every feature it needs is declared (the profiles' core features are declared
// implicitly); a counted test excluded by --run-test or --skip-test is skipped.
struct Selection {
  std::set<std::string> declared_features;
  std::vector<const Case*> to_run;
  std::set<std::string> skipped;
  std::set<std::string> counted;  // run or skipped
};

bool select_tests(const Suite& suite, const Options& options, Selection& out, std::string& error);

}  // namespace lintel::conformance
