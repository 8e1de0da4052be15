// The graph is a function of the set of objects: every golden case, its inputs shuffled, gives
// the same graph as in file order.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "graph_case.h"

namespace lintel::controller::graph {
namespace {

namespace fs = std::filesystem;

GraphInput shuffled(GraphInput input, std::mt19937& random) {
  auto shuffle = [&](auto& objects) { std::shuffle(objects.begin(), objects.end(), random); };
  shuffle(input.gateway_classes);
  shuffle(input.gateways);
  shuffle(input.listener_sets);
  shuffle(input.http_routes);
  shuffle(input.reference_grants);
  shuffle(input.secrets);
  shuffle(input.services);
  shuffle(input.namespaces);
  return input;
}

TEST(GraphInputOrder, ShufflingChangesNothing) {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(LINTEL_GRAPH_TESTDATA)) {
    if (!entry.path().filename().string().ends_with(".in.yaml")) continue;
    ++cases;
    GraphCase graph_case = load_case(entry.path().string());
    std::string expected = render_graph(build_graph(graph_case.input, case_options()));
    std::mt19937 random(20260901);
    for (int round = 0; round < 25; ++round) {
      GraphInput input = shuffled(graph_case.input, random);
      ASSERT_EQ(expected, render_graph(build_graph(input, case_options())))
          << entry.path() << " round " << round;
    }
  }
  EXPECT_GT(cases, 0);
}

}  // namespace
}  // namespace lintel::controller::graph
