// Times decoding with validation of N HTTPRoutes from one file, on one core: the path every
// manifest takes before the controller sees it (issue target: 10,000 routes under 1 s).
//
//   lintel_decode_bench [ROUTES] [ROUNDS]      (defaults 10000 and 5)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lintel/api/decode.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string http_route(int i) {
  std::string n = std::to_string(i);
  return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: "
         "route-" +
         n +
         "\n  namespace: bench\nspec:\n  parentRefs:\n  - name: lintel\n    namespace: "
         "lintel-system\n    sectionName: http\n  hostnames:\n  - host-" +
         n +
         ".example.com\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        "
         "value: /api/v1\n      headers:\n      - name: x-tenant\n        value: t" +
         n +
         "\n    filters:\n    - type: RequestHeaderModifier\n      requestHeaderModifier:\n        "
         "set:\n        - name: x-route\n          value: r" +
         n +
         "\n    backendRefs:\n    - name: api\n      port: 8080\n      weight: 90\n    - name: "
         "api-canary\n      port: 8080\n      weight: 10\n  - backendRefs:\n    - name: web\n      "
         "port: 80\n";
}

}  // namespace

int main(int argc, char** argv) {
  int routes = argc > 1 ? std::atoi(argv[1]) : 10000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string text;
  for (int i = 0; i < routes; ++i) text += http_route(i);
  double best = 1e18;
  for (int round = 0; round < rounds; ++round) {
    auto start = Clock::now();
    auto decoded = lintel::api::decode_manifests(text, "bench.yaml");
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!decoded.errors.empty() || decoded.objects.size() != static_cast<size_t>(routes)) {
      std::fprintf(stderr, "%zu objects, %zu errors; first: %s\n", decoded.objects.size(),
                   decoded.errors.size(),
                   decoded.errors.empty() ? "" : decoded.errors[0].to_string().c_str());
      return 1;
    }
    best = std::min(best, ms);
  }
  std::printf(
      "decode+validate %d HTTPRoutes (%.1f MB): best of %d rounds %.1f ms (%.1f us/route)\n",
      routes, static_cast<double>(text.size()) / 1e6, rounds, best, best * 1000 / routes);
  return 0;
}
