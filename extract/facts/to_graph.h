// Facts into the store: a document's entities and facts become nodes, aliases, mentions and
// evidence; and the JSONL that `kg extract` streams (the map step of a batch run), written and read
// back (the reduce step, `kg build --from-triples`).
#pragma once

#include <string>
#include <string_view>

#include "extract/facts/facts.h"
#include "graph/graph.h"

namespace kg::extract {

// Adds a document's entities (with aliases and mentions) and facts (as evidence) to `graph`.
void add_to_graph(graph::Graph& graph, const DocumentFacts& facts);

// The JSONL lines of a document: one {"kind":"entity"} object per entity it mentions, then one
// {"kind":"fact"} object per fact, each naming the document.
std::string facts_jsonl(const DocumentFacts& facts);

// Adds JSONL written by facts_jsonl to `graph`; `path` names it in errors. Throws ExtractError
// "path:line[:column]: what" on a line that is not JSON or not an entity or fact.
void add_facts_jsonl(graph::Graph& graph, std::string_view text, const std::string& path);

}  // namespace kg::extract
