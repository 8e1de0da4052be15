#include "report.h"

#include <ctime>

#include "lintel/support/yaml_writer.h"

namespace lintel::conformance {

namespace {

std::string now_rfc3339() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string level_sentence(const char* level, const LevelFigures& figures) {
  std::string out = std::string(level) + " tests ";
  if (!figures.failed.empty())
    return out + "failed with " + std::to_string(figures.failed.size()) + " test failures.";
  if (!figures.skipped.empty()) {
    return out + "partially succeeded with " + std::to_string(figures.skipped.size()) +
           " test skips.";
  }
  return out + "succeeded.";
}

void write_level(support::YamlWriter& yaml, const LevelFigures& figures) {
  yaml.field("result", figures.result());
  yaml.open("statistics");
  yaml.field("Passed", static_cast<long>(figures.passed.size()));
  yaml.field("Failed", static_cast<long>(figures.failed.size()));
  yaml.field("Skipped", static_cast<long>(figures.skipped.size()));
  yaml.close();
  if (!figures.skipped.empty()) {
    yaml.open("skippedTests");
    for (const auto& name : figures.skipped) yaml.scalar_item(name);
    yaml.close();
  }
  if (!figures.failed.empty()) {
    yaml.open("failedTests");
    for (const auto& name : figures.failed) yaml.scalar_item(name);
    yaml.close();
  }
}

}  // namespace

std::string LevelFigures::result() const {
  if (!failed.empty()) return "failure";
  if (!skipped.empty()) return "partial";
  return "success";
}

LevelFigures figures_for(const Suite& suite, const std::string& profile, const std::string& level,
                         const Selection& selection,
                         const std::map<std::string, TestResult>& results) {
  LevelFigures out;
  for (const auto& test : suite.cases) {
    auto membership = test.profiles.find(profile);
    if (membership == test.profiles.end() || membership->second != level ||
        !selection.counted.count(test.name)) {
      continue;
    }
    auto result = results.find(test.name);
    if (selection.skipped.count(test.name) || result == results.end()) {
      out.skipped.push_back(test.name);
    } else if (result->second.verdict == TestResult::Verdict::kPass) {
      out.passed.push_back(test.name);
    } else {
      out.failed.push_back(test.name);
    }
  }
  return out;
}

std::string conformance_report(const Suite& suite, const Options& options,
                               const Selection& selection,
                               const std::map<std::string, TestResult>& results,
                               const std::string& version) {
  support::YamlWriter yaml;
  yaml.field("apiVersion", "gateway.networking.k8s.io/v1");
  yaml.field("kind", "ConformanceReport");
  yaml.field("date", now_rfc3339());
  yaml.field("gatewayAPIVersion", suite.gateway_api_version);
  yaml.field("gatewayAPIChannel", options.channel);
  yaml.field("mode", options.mode);
  yaml.open("implementation");
  yaml.field("organization", "lintel");
  yaml.field("project", "lintel");
  yaml.field("url", options.implementation_url);
  yaml.field("version", version);
  yaml.open("contact");
  for (const auto& who : options.contact) yaml.scalar_item(who);
  yaml.close();
  yaml.close();
  yaml.open("profiles");
  for (const auto& name : options.profiles) {
    const Profile* profile = suite.profile(name);
    const LevelFigures core = figures_for(suite, name, "core", selection, results);
    const LevelFigures extended = figures_for(suite, name, "extended", selection, results);
    if (core.passed.size() + core.failed.size() + core.skipped.size() == 0) continue;
    yaml.item();
    yaml.field("name", name);
    yaml.field("summary",
               level_sentence("Core", core) + " " + level_sentence("Extended", extended));
    yaml.open("core");
    write_level(yaml, core);
    yaml.close();
    yaml.open("extended");
    write_level(yaml, extended);
    std::vector<std::string> supported, unsupported;
    for (const auto& feature : profile->extended) {
      (selection.declared_features.count(feature) ? supported : unsupported).push_back(feature);
    }
    if (!supported.empty()) {
      yaml.open("supportedFeatures");
      for (const auto& feature : supported) yaml.scalar_item(feature);
      yaml.close();
    }
    if (!unsupported.empty()) {
      yaml.open("unsupportedFeatures");
      for (const auto& feature : unsupported) yaml.scalar_item(feature);
      yaml.close();
    }
    yaml.close();
    yaml.close();  // the profile's list item
  }
  yaml.close();
  std::vector<std::string> provisional;
  for (const auto& test : suite.cases) {
    auto result = results.find(test.name);
    if (test.provisional && result != results.end() &&
        result->second.verdict == TestResult::Verdict::kPass) {
      provisional.push_back(test.name);
    }
  }
  if (!provisional.empty()) {
    yaml.open("succeededProvisionalTests");
    for (const auto& name : provisional) yaml.scalar_item(name);
    yaml.close();
  }
  return yaml.text();
}

}  // namespace lintel::conformance
