// Internals shared by the expression evaluator and the clause executor.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <type_traits>
#include <unordered_set>

#include "query/ast.h"
#include "query/engine.h"
#include "query/membership.h"
#include "query/planner.h"
#include "query/regex.h"

namespace kg::query {

using Row = std::vector<Val>;

// A callable borrowed for the length of one call: two pointers, never an allocation (a
// std::function holding a lambda that captures more than two references allocates), and
// called without std::function's checks. Only pass it down; never keep it.
template <class Signature>
class FunctionRef;
template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> &&
           std::is_invocable_r_v<R, F&, Args...>)
      FunctionRef(F&& f)  // NOLINT: implicit, as std::function's
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

struct EdgeHash {
  size_t operator()(const graph::EdgeId& e) const {
    return std::hash<const void*>()(e.get_property());
  }
};

// What PROFILE measures of one clause: parts[part].clauses[clause] made `rows` rows in
// `ms` milliseconds.
struct OpProfile {
  size_t part = 0, clause = 0;
  uint64_t rows = 0;
  double ms = 0;
};

// Everything one query execution needs.
struct Ctx {
  graph::Graph& g;
  const Params& params;
  const Options& options;
  Stats stats;
  std::chrono::steady_clock::time_point deadline;
  uint64_t ticks = 0;
  // Options::max_memory: what the process held when the query started, and when to look again.
  size_t memory_at_start = 0;
  std::chrono::steady_clock::time_point next_memory_check;
  // Aggregate values while a group's projection is evaluated.
  const std::vector<const Expr*>* agg_exprs = nullptr;
  const std::vector<Val>* agg_values = nullptr;
  // Deleted in this query; removed from the store when the query ends so that references
  // held by rows never dangle.
  std::unordered_set<graph::VertexId> deleted_nodes;
  std::unordered_set<graph::EdgeId, EdgeHash> deleted_edges;
  size_t slot_count = 0;
  // The regular expressions this execution compiled (=~), made on first use.
  std::unique_ptr<RegexCache> regexes;
  // The constant lists on the right of IN, indexed on first use.
  std::unique_ptr<MemberIndexCache> member_lists;
  // PROFILE: each clause's rows and time are added here; null otherwise.
  std::vector<OpProfile>* profile = nullptr;
  // The statement's clock (date(), datetime.statement(), ...): read once, on first use.
  std::optional<int64_t> clock_nanos;

  Ctx(graph::Graph& graph, const Params& p, const Options& o) : g(graph), params(p), options(o) {}
  // Called in inner loops: enforces the time limit and lets the caller cancel.
  void tick() {
    if ((++ticks & 1023) != 0) return;
    if (options.cancel && options.cancel->load(std::memory_order_relaxed))
      throw QueryError("Interrupted", "Cancelled", "query cancelled", 0, 0, false);
    if (options.timeout_ms > 0 && std::chrono::steady_clock::now() > deadline)
      throw QueryError("ResourceError", "Timeout", "the query ran out of time", 0, 0, false);
    if (options.max_memory > 0) check_memory();
  }
  // Ends the query when it holds more than Options::max_memory (sampled every few ms).
  void check_memory();
  // Called as a clause's output grows: enforces Options::max_rows.
  void row_limit(size_t rows) const {
    if (rows > options.max_rows)
      throw QueryError("ResourceError", "RowLimit", "the query produced too many rows", 0, 0,
                       false);
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
// What UNWIND reads: the elements of a list, nothing for null, any other value itself. A call of
// a function that can hand out its elements (Function::each: range()) builds no list.
void for_each_element(const Expr& e, Row& row, Ctx& ctx, FunctionRef<void(Val)> each);
// openCypher truthiness for WHERE: only true passes.
bool is_true(const Val& v);

// Matches a planned pattern list against the graph, extending `row`; `emit` sees each match.
void match_plan(const MatchPlan& plan, Row& row, Ctx& ctx, FunctionRef<void(Row&)> emit);
// The path value of a matched pattern part.
PathVal build_path(const PatternPart& p, const Row& row, Ctx& ctx);

// One group of a counting scan: its first match (what the projection's other expressions
// see), its grouping key values and how many matches it has.
struct CountedGroup {
  Row first;
  std::vector<Val> keys;
  int64_t count = 0;
};
// Counts the matches of a pattern the planner gave to a counting scan (MatchOp::kCountScan:
// a node pattern, or one directed relationship between free nodes) in one pass over the
// store: per label list or relationship type when the projection has `keys` grouping items
// (labels(n) or type(r), each group's keys are then `keys` copies of its own), else in all.
// `input` is the row the clause starts from.
void count_by_scan(const PatternPart& p, size_t keys, const Row& input, Ctx& ctx,
                   std::vector<CountedGroup>& groups);

// Counts the matches of a pattern part the planner gave to a counting walk
// (MatchOp::kCountWalk), walking the graph with no row or Val per match. `input` is the row
// the clause starts from (restored before returning).
int64_t count_by_walk(const PartPlan& plan, Row& input, Ctx& ctx);

// Whether a node carries every one of the labels `wanted`.
inline bool has_labels(const graph::Node& n, const std::vector<std::string>& wanted) {
  for (const auto& l : wanted)
    if (std::find(n.labels.begin(), n.labels.end(), l) == n.labels.end()) return false;
  return true;
}

// The nodes a {name: ...} anchor starts from: those whose name or one of whose aliases is
// exactly `name`, or, when there are none, every node the name index finds for it (it also
// finds other spellings: case, periods, spaces, a leading "the").
graph::VertexList anchor_candidates(const graph::Graph& g, const std::string& name);

// The value of an expression that is often a parameter or a literal, by reference when it
// is one (no copy), else evaluated into `scratch`.
const Val& eval_ref(const Expr& e, Row& row, Ctx& ctx, Val& scratch);

// Runs a bound and planned statement (see PreparedQuery).
// EXISTS { ... } (Ex::kSubquery): whether its clauses, run from `row`, give a row.
bool subquery_has_rows(const Expr& e, const Row& row, Ctx& ctx);

// PROFILE: `profile` gets each clause's rows and time.
Result execute(const Query& q, const QueryPlan& plan, graph::Graph& g, const Params& params,
               const Options& options, std::vector<OpProfile>* profile = nullptr);

// EXPLAIN and PROFILE: the plan of a statement as a result, one row per operator (explain.cpp);
// with a profile, the rows and time of each. The columns explain_columns() says.
Result explain(const Query& q, const QueryPlan& plan, const std::vector<OpProfile>* profile);
std::vector<std::string> explain_columns(Mode mode);

}  // namespace kg::query
