// libFuzzer target: any bytes given to the graph loader either load or throw GraphError; a graph
// that loads must save and load again to the same counts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "graph/persist.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  kg::graph::Graph graph;
  try {
    graph = kg::graph::parse_graph(text, "fuzz");
  } catch (const kg::graph::GraphError&) {
    return 0;
  }
  // Whatever loaded must survive the exercise every command gives it: every property read.
  for (auto [it, end] = boost::edges(graph.store()); it != end; ++it)
    for (const auto& key : graph.edge_keys(*it)) (void)graph.edge_property(*it, key);
  for (auto [it, end] = boost::vertices(graph.store()); it != end; ++it)
    for (const auto& key : graph.node_keys(*it)) (void)graph.node_property(*it, key);
  // Saved and read back, it is the same graph: same counts, and the same text when saved again.
  std::string saved = kg::graph::graph_json(graph);
  kg::graph::Graph again = kg::graph::parse_graph(saved, "fuzz (saved)");
  if (again.node_count() != graph.node_count() || again.edge_count() != graph.edge_count() ||
      kg::graph::graph_json(again) != saved)
    std::abort();
  return 0;
}
