// libFuzzer target: api::parse_kubeconfig on arbitrary bytes must return a Kubeconfig or an
// error, never crash, hang or leak (a kubeconfig is user input handed to `lintel run`).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lintel/api/kubeconfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  auto config = lintel::api::parse_kubeconfig(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", error);
  if (config) {
    for (const auto& context : config->contexts) {
      (void)config->cluster(context.cluster);
      (void)config->user(context.user);
    }
  }
  return 0;
}
