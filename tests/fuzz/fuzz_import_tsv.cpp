// libFuzzer target: any valid UTF-8 text given to the TSV importer either imports or throws
// GraphError, and a failed import leaves the graph as it was.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "graph/import_tsv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  kg::graph::Graph graph;
  kg::graph::VertexId seed = graph.entity("Seed", kg::graph::kPerson);
  graph.add_alias(seed, "S");
  size_t nodes = graph.node_count();
  try {
    kg::graph::import_tsv(graph, text, "fuzz.tsv");
  } catch (const kg::graph::GraphError&) {
    if (graph.node_count() != nodes || graph.edge_count() != 0) std::abort();
    return 0;
  }
  // Importing the same text again adds no relation.
  size_t edges = graph.edge_count();
  kg::graph::import_tsv(graph, text, "fuzz.tsv");
  if (graph.edge_count() != edges) std::abort();
  return 0;
}
