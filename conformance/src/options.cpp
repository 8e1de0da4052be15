#include "options.h"

#include <cstdlib>
#include <map>

namespace lintel::conformance {

const char* const kUsage =
    R"(lintel-conformance: the Gateway API conformance suite against `lintel run`

Usage:
  lintel-conformance [--suite DIR] [--lintel PATH] [--profile GATEWAY-HTTP,...]
                     [--supported-features F,...|all] [--run-test NAME,...] [--skip-test NAME,...]
                     [--report FILE] [--expect-pass FILE] [--expect-traffic-pass FILE]
                     [--max-time-to-consistency SECONDS] [--status-timeout SECONDS]
                     [--work-dir DIR] [--verbose]
                     [--gateway-class NAME] [--channel standard|experimental] [--mode default]
                     [--implementation-url URL] [--contact WHO,...]

  --suite DIR              the reference suite: cases.json, features.md, manifests/
  --lintel PATH            the lintel binary to test
  --profile P,...          conformance profiles (default GATEWAY-HTTP); their core features
                           are declared implicitly
  --supported-features F   extended features Lintel declares ("all": every feature of the
                           profiles); tests needing an undeclared feature are not counted
  --run-test / --skip-test run only these tests / skip these (reported as skipped)
  --report FILE            write the ConformanceReport (YAML) there
  --expect-pass FILE       exit 1 only if a test listed there (one per line) does not pass
  --expect-traffic-pass FILE
                           exit 1 only if a test listed there has a failing traffic check
                           (its status checks may fail while Lintel reports no status)
  --max-time-to-consistency S
                           upstream's MaxTimeToConsistency (default 30 s)
  --status-timeout S       wait at most S seconds for any status check (default: upstream's
                           60 s, 180 s or 300 s, depending on the check)
  --work-dir DIR           keep manifests, pod and Lintel logs there (default: temporary)
)";

namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    const size_t comma = text.find(',', at);
    std::string item = text.substr(at, comma == std::string::npos ? comma : comma - at);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
  Options options;
  const std::map<std::string, std::string*> strings = {
      {"lintel", &options.lintel},
      {"gateway-class", &options.gateway_class},
      {"channel", &options.channel},
      {"mode", &options.mode},
      {"implementation-url", &options.implementation_url}};
  const std::map<std::string, std::filesystem::path*> paths = {
      {"suite", &options.suite},
      {"report", &options.report},
      {"expect-pass", &options.expect_pass},
      {"expect-traffic-pass", &options.expect_traffic_pass},
      {"work-dir", &options.work_dir}};
  const std::map<std::string, double*> seconds = {
      {"max-time-to-consistency", &options.max_time_to_consistency},
      {"status-timeout", &options.status_timeout}};
  const std::map<std::string, std::vector<std::string>*> lists = {
      {"profile", &options.profiles},
      {"supported-features", &options.supported_features},
      {"run-test", &options.run_tests},
      {"skip-test", &options.skip_tests},
      {"contact", &options.contact}};
  bool contact_given = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") return std::nullopt;
    if (arg == "--verbose") {
      options.verbose = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      error = "unexpected argument " + arg;
      return std::nullopt;
    }
    std::string name = arg.substr(2), value;
    const size_t equals = name.find('=');
    const std::string bare = name.substr(0, equals);
    if (!lists.count(bare) && !strings.count(bare) && !paths.count(bare) && !seconds.count(bare)) {
      error = "unknown flag --" + bare;
      return std::nullopt;
    }
    if (equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      error = "--" + name + " needs a value";
      return std::nullopt;
    }
    if (auto list = lists.find(name); list != lists.end()) {
      if (name == "contact" && !contact_given) {
        options.contact.clear();
        contact_given = true;
      }
      for (auto& item : split_list(value)) list->second->push_back(item);
    } else if (auto text = strings.find(name); text != strings.end()) {
      *text->second = value;
    } else if (auto path = paths.find(name); path != paths.end()) {
      *path->second = value;
    } else {
      auto number = seconds.find(name);
      char* end = nullptr;
      *number->second = std::strtod(value.c_str(), &end);
      if (*end != '\0' || *number->second <= 0) {
        error = "--" + name + " wants seconds, not " + value;
        return std::nullopt;
      }
    }
  }
  if (options.profiles.empty()) options.profiles = {"GATEWAY-HTTP"};
  if (options.supported_features.size() == 1 && options.supported_features[0] == "all") {
    options.all_features = true;
    options.supported_features.clear();
  }
  return options;
}

}  // namespace lintel::conformance
