// Putting extracted facts into the store.
#pragma once

#include <string>
#include <vector>

#include "extract/extractor.h"
#include "graph/graph.h"

namespace kg::cli {

// Adds a document's entities (with aliases and mentions) and facts (as evidence) to `graph`.
void add_to_graph(graph::Graph& graph, const extract::DocumentFacts& facts);

// Adds what `kg extract` wrote (JSONL entity and fact lines) to `graph`: the reduce step.
// Throws UserError "path:line: what" on a malformed line.
void add_triples_file(graph::Graph& graph, const std::string& path);

// One document to extract: its name and raw bytes.
struct InputDocument {
  std::string name;
  std::string bytes;
};

// Expands inputs into documents: files, folders (every regular file below, sorted), "-" for
// stdin, and .jsonl files with one {"id", "text"[, "date", "url"]} object per line.
// Throws UserError for what cannot be read.
std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs);

}  // namespace kg::cli
