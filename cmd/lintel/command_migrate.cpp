#include <cstdio>
#include <string>

#include "commands.h"
#include "flags.h"
#include "lintel/controller/manifest_source.h"
#include "lintel/conversion/gateway_yaml.h"

namespace lintel::cmd {

// Prints the Gateway API objects that `lintel run` would serve for the Ingresses in the given
// manifests: the same conversion, written out, so what runs is what the user commits.
// Exit 0: converted exactly; 3: converted, but some behaviour differs (each difference is on
// stderr and as a comment in the YAML); 1: the manifests have errors; 2: usage.
int run_migrate(int argc, char** argv) {
  std::string error;
  auto flags = Flags::parse(argc, argv, {"f", "filename", "ingress-class"}, {}, error);
  if (!flags) {
    std::fprintf(stderr, "lintel migrate: %s\n", error.c_str());
    return 2;
  }
  std::vector<std::string> paths = flags->all("f");
  for (const auto& path : flags->all("filename")) paths.push_back(path);
  if (paths.empty()) {
    std::fprintf(stderr, "lintel migrate: name the manifests with -f FILE|DIR (repeatable)\n");
    return 2;
  }
  controller::ManifestSource source(paths);
  controller::ManifestLoad load = source.load();
  for (const auto& e : load.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
  if (!load.errors.empty()) {
    std::fprintf(stderr,
                 "lintel migrate: fix the %zu error(s) above first; nothing was converted\n",
                 load.errors.size());
    return 1;
  }
  controller::ObjectStore store;
  store.replace_all(std::move(load.objects));
  conversion::ConversionOptions options;
  options.class_selection.ingress_class = flags->get("ingress-class", "lintel");
  auto converted =
      conversion::convert_ingresses(store.list<api::Ingress>(), store.list<api::IngressClass>(),
                                    store.list<api::Service>(), options);
  auto output = conversion::to_gateway_yaml(converted);
  std::fputs(output.text.c_str(), stdout);
  for (const auto& difference : output.approximations) {
    std::fprintf(stderr, "approximated: %s\n", difference.c_str());
  }
  return output.approximations.empty() ? 0 : 3;
}

}  // namespace lintel::cmd
