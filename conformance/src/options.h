#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lintel::conformance {

struct Options {
  std::filesystem::path suite;
  std::string lintel;
  std::vector<std::string> profiles;
  std::vector<std::string> supported_features;
  bool all_features = false;
  std::vector<std::string> run_tests;
  std::vector<std::string> skip_tests;
  std::filesystem::path report;
  std::filesystem::path expect_pass;
  std::filesystem::path expect_traffic_pass;
  std::filesystem::path work_dir;  // empty: a temporary folder, removed at the end
  double max_time_to_consistency = 30;
  double status_timeout = 0;  // 0: upstream's timeout of each status check
  std::string gateway_class = "lintel";
  std::string controller_name = "lintel.io/gateway-controller";
  std::string channel = "standard";
  std::string mode = "default";
  std::string implementation_url = "https://example.invalid/lintel";
  std::vector<std::string> contact = {"@lintel/maintainers"};
  bool verbose = false;
};

// Parses the command line; nullopt with `error` (or with `error` empty for --help).
std::optional<Options> parse_options(int argc, char** argv, std::string& error);

extern const char* const kUsage;

}  // namespace lintel::conformance
