// The graph cache reuses exactly the routes whose inputs did not change, and the graph it gives is
// the one built without it.
#include "../graph_cache.h"

#include <gtest/gtest.h>

#include <string>

#include "graph_case.h"

namespace lintel::controller::graph {
namespace {

std::string world(const std::string& second_route_path, const std::string& gateway_hostname) {
  std::string text = R"(apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: lintel}
spec: {controllerName: lintel.io/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web, namespace: infra, generation: 1}
spec:
  gatewayClassName: lintel
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    hostname: ")" + gateway_hostname +
                     R"("
    allowedRoutes: {namespaces: {from: All}}
)";
  for (int i = 0; i < 3; ++i) {
    text += R"(---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r)" +
            std::to_string(i) + R"(, namespace: apps, generation: 1}
spec:
  parentRefs: [{name: web, namespace: infra}]
  hostnames: ["a.example.com"]
  rules:
  - matches: [{path: {type: PathPrefix, value: )" +
            (i == 1 ? second_route_path : "/") + R"(}}]
)";
  }
  return text;
}

TEST(GraphCache, ReusesTheRoutesWhoseInputsAreUnchanged) {
  GraphCache cache;
  GraphCase first = case_from_text(world("/one", "*.example.com"));
  Graph built = build_graph(first.input, case_options(), &cache);
  EXPECT_EQ(cache.reused(), 0u);
  EXPECT_EQ(render_graph(built), render_graph(build_graph(first.input, case_options())));

  // The same objects: every route comes from the cache, resolution and all.
  Graph again = build_graph(first.input, case_options(), &cache);
  EXPECT_EQ(cache.reused(), 3u);
  EXPECT_EQ(again.http_routes[1].resolution, built.http_routes[1].resolution);

  // Equal objects decoded anew (as after a status write): still reused.
  GraphCase decoded_again = case_from_text(world("/one", "*.example.com"));
  Graph equal = build_graph(decoded_again.input, case_options(), &cache);
  EXPECT_EQ(cache.reused(), 3u);
  EXPECT_EQ(render_graph(equal), render_graph(built));

  // One route changed: only it is computed again.
  GraphCase one_changed = case_from_text(world("/two", "*.example.com"));
  Graph changed = build_graph(one_changed.input, case_options(), &cache);
  EXPECT_EQ(cache.reused(), 2u);
  EXPECT_EQ(render_graph(changed), render_graph(build_graph(one_changed.input, case_options())));

  // The Gateway changed: every route attached to it is computed again.
  GraphCase gateway_changed = case_from_text(world("/two", "b.example.com"));
  Graph moved = build_graph(gateway_changed.input, case_options(), &cache);
  EXPECT_EQ(cache.reused(), 0u);
  EXPECT_EQ(render_graph(moved), render_graph(build_graph(gateway_changed.input, case_options())));
}

}  // namespace
}  // namespace lintel::controller::graph
