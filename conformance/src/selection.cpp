#include "selection.h"

#include <algorithm>

namespace lintel::conformance {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

bool select_tests(const Suite& suite, const Options& options, Selection& out, std::string& error) {
  for (const auto& name : options.profiles) {
    const Profile* profile = suite.profile(name);
    if (!profile) {
      error = "unknown profile " + name;
      return false;
    }
    out.declared_features.insert(profile->core.begin(), profile->core.end());
    if (options.all_features)
      out.declared_features.insert(profile->extended.begin(), profile->extended.end());
  }
  out.declared_features.insert(options.supported_features.begin(),
                               options.supported_features.end());
  for (const auto& name : options.run_tests) {
    bool known = false;
    for (const auto& test : suite.cases) known = known || test.name == name;
    if (!known) {
      error = "no test named " + name;
      return false;
    }
  }
  for (const auto& test : suite.cases) {
    bool in_profile = false;
    for (const auto& profile : options.profiles)
      in_profile = in_profile || test.profiles.count(profile);
    if (!in_profile) continue;
    bool supported = true;
    for (const auto& feature : test.features)
      supported = supported && out.declared_features.count(feature);
    if (!supported) continue;
    out.counted.insert(test.name);
    const bool excluded = contains(options.skip_tests, test.name) ||
                          (!options.run_tests.empty() && !contains(options.run_tests, test.name));
    if (excluded) {
      out.skipped.insert(test.name);
    } else {
      out.to_run.push_back(&test);
    }
  }
  return true;
}

}  // namespace lintel::conformance
