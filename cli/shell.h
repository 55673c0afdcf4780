// kg shell internals: tab completion (kept apart from libedit so that tests can call it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"
#include "query/engine.h"

namespace kg::cli {

// What can be completed: gathered from the graph once per change.
struct CompletionWords {
  std::vector<std::string> labels, types, keys, names, params;
  // The graph gathered from: a name no entity starts with is looked up fuzzily (kg.search).
  const graph::Graph* graph = nullptr;
  // Refreshes labels, relationship types, property keys and entity names from `g`.
  void gather(const graph::Graph& g);
};

// Candidates for the word that ends at the end of `before` (the line up to the cursor):
// `start` is where that word begins in `before`; each candidate replaces before[start..].
struct Completion {
  size_t start = 0;
  std::vector<std::string> candidates;
};

// Picks the kind of word from the context: ':' inside (...) a label, inside [...] a
// relationship type, '.' a property key, '$' a parameter, an open quote an entity name,
// ':' first on a line a meta-command, otherwise a keyword or function. In a quote, when no
// name starts with what is typed (3 characters or more), the closest names (kg.search's
// fuzzy match: case, accents, typos) are offered instead.
Completion complete(std::string_view before, const CompletionWords& words);

// The longest prefix that all candidates share (bytes, cut back to a whole UTF-8 character).
std::string common_prefix(const std::vector<std::string>& candidates);

}  // namespace kg::cli
