#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "commands.h"
#include "flags.h"
#include "lintel/api/decode.h"
#include "lintel/controller/manifest_source.h"

namespace lintel::cmd {

// Checks manifests offline, as the API server would on apply: every error, then a summary.
// `--channel standard` checks them against the standard channel's Gateway API CRDs instead of
// the experimental channel's (the default, a superset).
// Exit 0 when all is valid, 1 when anything is not: made for a CI step before `kubectl apply`.
int run_validate(int argc, char** argv) {
  std::string error;
  auto flags = Flags::parse(argc, argv, {"f", "filename", "channel"}, {}, error);
  if (!flags) {
    std::fprintf(stderr, "lintel validate: %s\n", error.c_str());
    return 2;
  }
  auto channel = api::channel_named(flags->get("channel", "experimental"));
  if (!channel) {
    std::fprintf(stderr, "lintel validate: --channel is standard or experimental\n");
    return 2;
  }
  std::vector<std::string> paths = flags->all("f");
  for (const auto& path : flags->all("filename")) paths.push_back(path);
  if (paths.empty()) {
    std::fprintf(stderr, "lintel validate: name the manifests with -f FILE|DIR (repeatable)\n");
    return 2;
  }
  std::vector<std::string> listing_errors;
  std::vector<std::string> files = controller::list_manifest_files(paths, listing_errors);
  size_t objects = 0, errors = listing_errors.size(), bad_files = 0;
  for (const auto& message : listing_errors) std::fprintf(stderr, "%s\n", message.c_str());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::fprintf(stderr, "%s: cannot read the file\n", file.c_str());
      ++errors;
      ++bad_files;
      continue;
    }
    api::DecodeResult result = api::decode_manifests(text.str(), file, *channel);
    objects += result.objects.size();
    errors += result.errors.size();
    if (!result.errors.empty()) ++bad_files;
    for (const auto& e : result.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    for (const auto& w : result.warnings)
      std::fprintf(stderr, "warning: %s\n", w.to_string().c_str());
  }
  std::printf("%zu object(s) valid in %zu file(s); %zu error(s) in %zu file(s)\n", objects,
              files.size(), errors, bad_files);
  return errors == 0 ? 0 : 1;
}

}  // namespace lintel::cmd
