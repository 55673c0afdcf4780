// Planner: decides how each pattern is matched (where to start, in which order to walk it)
// and how projections aggregate, before the executor runs them.
#pragma once

#include <vector>

#include "query/ast.h"

namespace kg::query {

// One hop of a walk: over rels[rel] to nodes[node]; forward walks left to right.
struct Step {
  int rel = 0;
  int node = 0;
  bool forward = true;
  bool node_check = false;  // the node's slot is already bound: compare instead of binding
  bool rel_check = false;
};

// How to match one pattern part: start at nodes[start], then take the steps.
struct PartPlan {
  const PatternPart* part = nullptr;
  int start = 0;
  bool start_check = false;             // nodes[start] is bound before the walk begins
  const Expr* anchor_name = nullptr;    // {name: ...}: look the start up in the name index
  std::vector<Step> steps;
  bool end_check = false;               // shortest paths: is the last node already bound?
};

struct MatchPlan {
  std::vector<PartPlan> parts;  // in the order they are matched
};

// Plans a list of pattern parts; `bound(slot)` tells which slots hold values before matching.
MatchPlan plan_match(const std::vector<PatternPart>& parts, const std::vector<bool>& bound);

// Plans a single pattern part (pattern predicates and comprehensions).
MatchPlan plan_match_one(const PatternPart& part, const std::vector<bool>& bound);

// Where the aggregates of a projection are and how ORDER BY items map onto returned items.
struct ProjectionPlan {
  bool aggregating = false;
  std::vector<const Expr*> aggregates;  // every aggregate call, outermost only
  std::vector<int> order_item;          // per sort item: the projection item it repeats, or -1
};
ProjectionPlan plan_projection(const Projection& p);

// The plans of one clause, made once when a statement is prepared and then shared by every
// execution of it (they depend on the syntax tree only, never on the graph or the parameters).
struct ClausePlan {
  MatchPlan match;                // MATCH and MERGE
  ProjectionPlan projection;      // WITH and RETURN
  std::vector<size_t> key_items;  // WITH and RETURN: items without aggregates (group keys)
  // MATCH followed by a projection that only counts its matches: count them by walking the
  // graph (count_by_walk), with no row per match.
  bool count_walk = false;
};

// The plans of a statement: clauses[i][j] for parts[i].clauses[j] of the query.
struct QueryPlan {
  std::vector<std::vector<ClausePlan>> clauses;
};
QueryPlan plan_query(const Query& q);

// Which slots a clause's patterns find bound before they are matched.
std::vector<bool> bound_slots(const std::vector<PatternPart>& parts, size_t slot_count);

// The expression of a node pattern's {name: ...} (a string literal or a parameter), which the
// name index can answer; nullptr when the pattern has none.
const Expr* name_anchor(const NodePat& n);

}  // namespace kg::query
