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
  bool start_check = false;           // nodes[start] is bound before the walk begins
  const Expr* anchor_name = nullptr;  // {name: ...}: look the start up in the name index
  std::vector<Step> steps;
  bool end_check = false;  // shortest paths: is the last node already bound?
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

// Which operator runs a MATCH clause. All but kRows consume the projection of the next
// clause (WITH or RETURN) too: the executor runs the two as one.
enum class MatchOp {
  kRows,       // the matches become rows, for whatever clause comes next
  kStream,     // each match goes straight into the next clause's projection, never a row
  kCountScan,  // the projection counts matches per label list or relationship type, or in
               // all: one pass over the store's lists (count_by_scan), no row per match
  kCountWalk,  // the projection counts the matches of a fixed-length pattern: nested loops
               // over adjacency lists (count_by_walk), no row per match
};

// The plans of one clause, made once when a statement is prepared and then shared by every
// execution of it (they depend on the syntax tree only, never on the graph or the parameters).
struct ClausePlan {
  MatchPlan match;                // MATCH and MERGE
  MatchOp op = MatchOp::kRows;    // MATCH
  ProjectionPlan projection;      // WITH and RETURN
  std::vector<size_t> key_items;  // WITH and RETURN: items without aggregates (group keys)
};

// The operator of a MATCH (planned as `plan`) whose next clause projects `proj` (planned as
// `projection`): a counting one when the projection needs only the number of matches, else
// kStream (plan_count.cpp).
MatchOp plan_match_into(const Clause& match, const MatchPlan& plan, const Projection& proj,
                        const ClausePlan& projection);

// The plans of the clauses of one part (plan_query's work for each), with `slot_count` slots.
std::vector<ClausePlan> plan_clauses(const SingleQuery& sq, size_t slot_count);

// The plans of an EXISTS { ... } subquery's clauses (Expr::subplan).
struct SubqueryPlan {
  std::vector<ClausePlan> clauses;
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
