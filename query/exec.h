// Internals shared by the expression evaluator and the clause executor.
#pragma once

#include <chrono>
#include <functional>
#include <set>
#include <unordered_set>

#include "query/ast.h"
#include "query/engine.h"
#include "query/planner.h"

namespace kg::query {

using Row = std::vector<Val>;

struct EdgeHash {
  size_t operator()(const graph::EdgeId& e) const {
    return std::hash<const void*>()(e.get_property());
  }
};

// Everything one query execution needs.
struct Ctx {
  graph::Graph& g;
  const Params& params;
  const Options& options;
  Stats stats;
  std::chrono::steady_clock::time_point deadline;
  uint64_t ticks = 0;
  // Aggregate values while a group's projection is evaluated.
  const std::vector<const Expr*>* agg_exprs = nullptr;
  const std::vector<Val>* agg_values = nullptr;
  // Deleted in this query; removed from the store when the query ends so that references
  // held by rows never dangle.
  std::unordered_set<graph::VertexId> deleted_nodes;
  std::unordered_set<graph::EdgeId, EdgeHash> deleted_edges;
  size_t slot_count = 0;

  Ctx(graph::Graph& graph, const Params& p, const Options& o) : g(graph), params(p), options(o) {}
  // Called in inner loops: enforces the time limit and lets the caller cancel.
  void tick() {
    if ((++ticks & 1023) != 0) return;
    if (options.cancel && options.cancel->load(std::memory_order_relaxed))
      throw QueryError("Interrupted", "Cancelled", "query cancelled", 0, 0, false);
    if (options.timeout_ms > 0 && std::chrono::steady_clock::now() > deadline)
      throw QueryError("ResourceError", "Timeout", "the query ran out of time", 0, 0, false);
  }
  bool node_deleted(graph::VertexId v) const {
    return !deleted_nodes.empty() && deleted_nodes.count(v) > 0;
  }
  bool edge_deleted(const graph::EdgeId& e) const {
    return !deleted_edges.empty() && deleted_edges.count(e) > 0;
  }
};

// Evaluates an expression over a row (the row is restored before returning).
Val eval(const Expr& e, Row& row, Ctx& ctx);
// openCypher truthiness for WHERE: only true passes.
bool is_true(const Val& v);
// Properties of a node or relationship as a runtime map.
VMap node_map(const graph::Graph& g, graph::VertexId v);
VMap rel_map(const graph::Graph& g, const graph::EdgeId& e);
// Calls a built-in function (not an aggregate) on evaluated arguments.
Val call_function(const std::string& name, std::vector<Val>& args, Ctx& ctx);

// Matches a planned pattern list against the graph, extending `row`; `emit` sees each match.
void match_plan(const MatchPlan& plan, Row& row, Ctx& ctx, const std::function<void(Row&)>& emit);
// The path value of a matched pattern part.
PathVal build_path(const PatternPart& p, const Row& row, Ctx& ctx);

// One group of a counting scan: its first match (what the projection's other expressions
// see), its grouping key values and how many matches it has.
struct CountedGroup {
  Row first;
  std::vector<Val> keys;
  int64_t count = 0;
};
// Answers MATCH + an aggregating projection whose aggregates all count matches and whose keys
// are labels(n) of a node scan or type(r) of a relationship scan, in one pass over the store.
// Returns false (leaving `groups` empty) when the clause has any other shape.
bool count_by_scan(const Clause& match, const Projection& proj, const ProjectionPlan& plan,
                   const std::vector<size_t>& key_items, const Row& input, Ctx& ctx,
                   std::vector<CountedGroup>& groups);

}  // namespace kg::query
