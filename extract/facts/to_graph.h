// Facts into the store: a document's entities and facts become nodes, aliases, mentions and
// evidence; and the JSONL that `kg extract` streams (the map step of a batch run), written and read
// back (the reduce step, `kg build --from-triples`).
#pragma once

#include <string>
#include <string_view>

#include "extract/facts/facts.h"
#include "graph/articles.h"
#include "graph/graph.h"

namespace kg::extract {

// Adds a document to `graph`: its Article node, its entities (with aliases and MENTIONED_IN
// relationships) and its facts (as evidence). Returns false, changing nothing, when the graph has
// its text already (the same id fed again; another id is recorded on the article); a known id
// with a changed text replaces what the old text said. `articles` indexes the graph's articles
// (one for a whole build; the second form makes one).
bool add_to_graph(graph::Graph& graph, graph::Articles& articles, const DocumentFacts& facts);
bool add_to_graph(graph::Graph& graph, const DocumentFacts& facts);

// The JSONL lines of a document: one {"kind":"document"} object (its name and word count), then
// one {"kind":"entity"} object per entity it mentions, then one {"kind":"fact"} object per fact,
// each naming the document. The document line keeps a document that has neither in the graph,
// so that the reduce step numbers documents as `kg build` does.
std::string facts_jsonl(const DocumentFacts& facts);

// Adds JSONL written by facts_jsonl to `graph`; `path` names it in errors. A document line starts
// a document (names resolve within it, as in add_to_graph); lines without one before them (older
// output) start a document when their "doc" changes. Throws ExtractError
// "path:line[:column]: what" on a line that is not JSON or not a document, entity or fact.
void add_facts_jsonl(graph::Graph& graph, std::string_view text, const std::string& path);

}  // namespace kg::extract
