// Cross-document resolution of people. Inside one article coreference joins "Tony Blair" and
// "Mr Blair"; an article that never gives the first name leaves a node named "Blair". Once
// every article is in the graph, such a surname-only person joins the full-name person of that
// surname when the corpus makes it unambiguous, and stays apart when it does not (Patricia and
// Lleyton Hewitt, each often named).
#pragma once

#include <cstddef>

#include "extract/entities/names.h"
#include "extract/facts/coref.h"
#include "graph/graph.h"

namespace kg::extract {

// Merges each one-word Person node into the full-name Person node of that surname when it is
// the only one of a compatible gender, or when it has at least `kDominance` times the mentions
// of the next one and shares at least as much context (entities named in the same articles).
// Each merge is recorded in the kept node's "merged_from" list. A name the alias table lists
// ("Hewitt<TAB>Hewitt" in a file given to --aliases) is the user's call and is left as it is.
// Then one name under two types: a one-word person with nothing of a person in the corpus (no
// honorific, not a first name, never a word of a longer person's name) joins the organization
// or place of that name or alias ("Yahoo", "Labour") if it has a fifth of its mentions; and a
// node of one name typed otherwise at most 3 times joins the node of that name with 10 times
// its mentions ("Tony Blair" once as an organization).
// Last, each place class (lives_in, based_in, located_in) is checked against its ends' final
// types: it follows the subject's type, and is dropped where the ends do not allow it.
// Returns the number of merges.
size_t resolve_people(graph::Graph& graph, const NameTables& tables);

inline constexpr unsigned kDominance = 4;

}  // namespace kg::extract
