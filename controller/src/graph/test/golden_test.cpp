// Golden files: each testdata/NAME.in.yaml is decoded and built into a graph; NAME.out holds the
// statuses and attachments it renders to. LINTEL_UPDATE_GOLDEN=1 rewrites the .out files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph_case.h"

namespace lintel::controller::graph {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(LINTEL_GRAPH_TESTDATA)) {
    std::string file = entry.path().filename().string();
    if (file.ends_with(".in.yaml")) names.push_back(file.substr(0, file.size() - 8));
  }
  std::sort(names.begin(), names.end());
  return names;
}

class GraphGolden : public testing::TestWithParam<std::string> {};

TEST_P(GraphGolden, MatchesOut) {
  fs::path dir(LINTEL_GRAPH_TESTDATA);
  GraphCase graph_case = load_case((dir / (GetParam() + ".in.yaml")).string());
  for (const auto& error : graph_case.decoded.errors) ADD_FAILURE() << error.to_string();
  std::string actual = render_graph(build_graph(graph_case.input, case_options()));

  fs::path golden = dir / (GetParam() + ".out");
  if (std::getenv("LINTEL_UPDATE_GOLDEN")) {
    std::ofstream(golden) << actual;
    return;
  }
  std::ifstream in(golden);
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << golden;
}

INSTANTIATE_TEST_SUITE_P(Cases, GraphGolden, testing::ValuesIn(case_names()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace lintel::controller::graph
