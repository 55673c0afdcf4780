// Fuzzy name search (CALL kg.search(...), the shell's completion): the nodes whose name or
// one of whose aliases is close to a text, forgiving case, accents and a few typos. A
// trigram index over the names is built on first use and kept while the graph's nodes and
// their names stay the same (a fingerprint of them is checked at each search).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg::query {

struct NameHit {
  graph::VertexId node;
  double score;      // 1 for the same name once folded, lower for worse matches, > 0
  std::string name;  // the name or alias that matched best
};

// The best `limit` nodes for `text`, best first (ties: the most mentioned first, then by name).
std::vector<NameHit> search_names(const graph::Graph& g, std::string_view text, size_t limit = 10);

// Lowercase, accents removed (Latin-1 and Latin Extended-A), punctuation as spaces, single
// spaces: "  Antónió  GUTERRES." -> "antonio guterres".
std::string fold_name(std::string_view s);

}  // namespace kg::query
