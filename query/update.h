// The clauses that change the graph: CREATE, MERGE, SET, REMOVE and DELETE, one row at a time
// (MERGE over all the rows of its input).
#pragma once

#include <vector>

#include "query/exec.h"

namespace kg::query {

// Creates the unbound nodes and the relationships of a CREATE pattern part, binding them in
// `row`.
void create_part(const PatternPart& p, Row& row, Ctx& ctx);

// MERGE: the matches of the clause's pattern for each row, with ON MATCH applied, or, for a
// row with none, the pattern created, with ON CREATE applied.
std::vector<Row> merge(const Clause& c, const MatchPlan& plan, std::vector<Row>& in, Ctx& ctx);

// SET and REMOVE items applied to one row's targets.
void set_items(const std::vector<SetItem>& items, Row& row, Ctx& ctx);
void remove_items(const std::vector<SetItem>& items, Row& row, Ctx& ctx);

// DELETE (DETACH DELETE when `detach`) of a node, a relationship or a path: noted in `ctx`,
// which the query's matching then skips, so that no row ever refers to a removed element.
void delete_value(const Val& v, bool detach, Ctx& ctx);
// Removes what the query deleted from the store, when it ends.
void apply_deletions(Ctx& ctx);

}  // namespace kg::query
