#pragma once

#include <string>

#include "graph/graph.h"
#include "lintel/api/decode.h"

namespace lintel::controller::graph {

// A golden case: the objects of one manifest file, and the graph's input pointing into them.
struct GraphCase {
  api::DecodeResult decoded;
  GraphInput input;
};

GraphCase load_case(const std::string& path);
GraphCase case_from_text(const std::string& yaml);

// The options every case is built with.
GraphOptions case_options();

// The graph as the golden files hold it: each status as the object would carry it, then where
// routes attached and what their references resolved to.
std::string render_graph(const Graph& graph);

}  // namespace lintel::controller::graph
