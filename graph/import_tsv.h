// Hand-made facts: one per line, "subject<TAB>relation<TAB>object[<TAB>subject type<TAB>object
// type]". Blank lines and lines starting with '#' are skipped; the relation "alias" makes the
// object another name of the subject.
#pragma once

#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg::graph {

// What an import added (lines skipped as already imported do not count).
struct ImportCounts {
  size_t facts = 0;
  size_t aliases = 0;
};

// Adds the facts in `text` (valid UTF-8) to `graph`; `name` names the document in evidence and
// in errors. Importing a document again adds only its lines the graph does not hold yet, so
// importing the same text twice changes nothing. Throws GraphError "name:line:column: what" on a
// malformed line; on error nothing of this text has been added.
ImportCounts import_tsv(Graph& graph, std::string_view text, const std::string& name);

// Maps a type as users write it (person, PER, Place, LOC, org, ...) to kg's type name;
// throws GraphError for anything else.
std::string_view parse_entity_type(std::string_view text);

}  // namespace kg::graph
