// Executor: runs the clauses of a bound and planned query one after the other over batches of
// rows. Projections (projection.cpp) and the updating clauses (update.cpp) have files of
// their own; the planner chose how each MATCH runs (ClausePlan::op).
#include <set>

#include "base/memory.h"
#include "query/error.h"
#include "query/exec.h"
#include "query/procedure/registry.h"
#include "query/projection.h"
#include "query/update.h"

namespace kg::query {

void Ctx::check_memory() {
  // The clock is cheap; reading the resident size costs a few microseconds, so it is read
  // every 5 ms at most: a query that grows by gigabytes a second is stopped within ~10 MB.
  auto now = std::chrono::steady_clock::now();
  if (now < next_memory_check) return;
  next_memory_check = now + std::chrono::milliseconds(5);
  size_t resident = base::resident_bytes();
  if (resident > memory_at_start && resident - memory_at_start > options.max_memory)
    throw QueryError("ResourceError", "MemoryLimitExceeded",
                     "the query needed more than " + std::to_string(options.max_memory >> 20) +
                         " MiB of memory (--max-memory sets the budget)",
                     0, 0, false);
}

namespace {

// Streams the matches of a MATCH clause into `sink` (the row passed is only borrowed). An
// OPTIONAL MATCH that finds nothing for a row passes it on with the pattern's new variables
// null.
void match_into(const Clause& c, const MatchPlan& plan, std::vector<Row>& in, Ctx& ctx,
                FunctionRef<void(Row&)> sink) {
  for (auto& row : in) {
    bool any = false;
    match_plan(plan, row, ctx, [&](Row& r) {
      if (c.where && !is_true(eval(*c.where, r, ctx))) return;
      any = true;
      sink(r);
    });
    if (any || !c.optional) continue;
    Row r = row;
    for (const auto& p : c.patterns) {
      for (const auto& n : p.nodes)
        if (!n.bound) r[n.slot] = Val();
      for (const auto& rel : p.rels)
        if (!rel.bound) r[rel.slot] = Val();
      if (p.path_slot >= 0) r[p.path_slot] = Val();
    }
    sink(r);
  }
}

std::vector<Row> match(const Clause& c, const MatchPlan& plan, std::vector<Row>& in, Ctx& ctx) {
  std::vector<Row> out;
  match_into(c, plan, in, ctx, [&](Row& r) {
    out.push_back(r);
    ctx.row_limit(out.size());
  });
  return out;
}

// A MATCH and the projection of the next clause, run as the planner chose (plan.op).
// The counting operators' matches do not depend on the incoming rows (see plan_count.cpp):
// they count those of the first row, and every other row has as many.
std::vector<Row> match_into_projection(const Clause& match, const ClausePlan& plan,
                                       const Projection& proj, const ClausePlan& proj_plan,
                                       std::vector<Row>& in, Ctx& ctx) {
  Projector projector(proj, proj_plan, ctx);
  switch (plan.op) {
    case MatchOp::kStream:
      // Matches flow straight into the projection, never stored as rows.
      match_into(match, plan.match, in, ctx, [&](Row& r) { projector.add(r); });
      break;
    case MatchOp::kCountScan:
      if (!in.empty()) {
        std::vector<CountedGroup> counted;
        count_by_scan(match.patterns[0], proj_plan.key_items.size(), in[0], ctx, counted);
        projector.add_counted(counted, in.size());
      }
      break;
    case MatchOp::kCountWalk: {
      int64_t n = in.empty() ? 0 : count_by_walk(plan.match.parts.at(0), in[0], ctx);
      projector.set_count(n * int64_t(in.size()));
      break;
    }
    case MatchOp::kRows:
      break;  // not joined to the projection (see single)
  }
  return projector.finish();
}

std::vector<Row> project(const Projection& p, const ClausePlan& plan, std::vector<Row>& in,
                         Ctx& ctx) {
  Projector projector(p, plan, ctx);
  for (auto& r : in) projector.add(r);
  return projector.finish();
}

std::vector<Row> unwind(const Clause& c, std::vector<Row>& in, Ctx& ctx) {
  std::vector<Row> out;
  for (auto& row : in) {
    for_each_element(*c.expr, row, ctx, [&](Val x) {
      Row r = row;
      r[c.slot] = std::move(x);
      out.push_back(std::move(r));
      ctx.row_limit(out.size());
    });
  }
  return out;
}

// An UNWIND and the projection after it, as one operator: each element goes straight into the
// projection, so that UNWIND range(1, 50000000) AS x RETURN count(x) keeps no row of it.
// PROFILE runs them apart, to count the rows of each.
std::vector<Row> unwind_into_projection(const Clause& c, const Projection& proj,
                                        const ClausePlan& proj_plan, std::vector<Row>& in,
                                        Ctx& ctx) {
  Projector projector(proj, proj_plan, ctx);
  for (auto& row : in) {
    Val saved = row[c.slot];
    for_each_element(*c.expr, row, ctx, [&](Val x) {
      row[c.slot] = std::move(x);
      projector.add(row);
    });
    row[c.slot] = std::move(saved);
  }
  return projector.finish();
}

// CALL: the procedure once per incoming row; each of its result rows extends the row with the
// yielded outputs. A void procedure passes the row on.
std::vector<Row> call(const Clause& c, std::vector<Row>& in, Ctx& ctx) {
  const Procedure& p = *c.procedure;
  std::vector<Row> out;
  std::vector<Val> args;
  std::vector<std::vector<Val>> results;
  for (auto& row : in) {
    args.clear();
    if (c.implicit_args) {
      for (const auto& input : p.inputs) {
        auto it = ctx.params.find(input.name);
        if (it == ctx.params.end())
          throw QueryError("ParameterMissing", "MissingParameter",
                           p.name + " takes $" + input.name + ", which is not given", c.line,
                           c.column, true);
        args.push_back(it->second);
      }
    } else {
      for (const auto& e : c.exprs) args.push_back(eval(*e, row, ctx));
    }
    for (size_t i = 0; i < args.size(); ++i) {
      if (!procedure_accepts(p.inputs[i].type, args[i]))
        type_error("InvalidArgumentType",
                   p.name + ": " + p.inputs[i].name + " takes a " + p.inputs[i].type);
      if (p.inputs[i].type == "FLOAT" && args[i].is<int64_t>())
        args[i] = Val(double(args[i].as<int64_t>()));
    }
    results.clear();
    p.body(p, args, ctx, results);
    if (p.outputs.empty()) {
      out.push_back(std::move(row));
      continue;
    }
    for (auto& r : results) {
      Row next = row;
      for (const auto& y : c.yields) next[y.slot] = r.at(y.index);
      if (c.where && !is_true(eval(*c.where, next, ctx))) continue;
      out.push_back(std::move(next));
      ctx.row_limit(out.size());
    }
  }
  return out;
}

std::vector<Row> clause(const Clause& c, const ClausePlan& plan, std::vector<Row> in, Ctx& ctx) {
  switch (c.kind) {
    case Cl::kMatch:
      return match(c, plan.match, in, ctx);
    case Cl::kUnwind:
      return unwind(c, in, ctx);
    case Cl::kWith:
    case Cl::kReturn:
      return project(c.proj, plan, in, ctx);
    case Cl::kCreate:
      for (auto& row : in)
        for (const auto& p : c.patterns) create_part(p, row, ctx);
      return in;
    case Cl::kMerge:
      return merge(c, plan.match, in, ctx);
    case Cl::kSet:
      for (auto& row : in) set_items(c.set_items, row, ctx);
      return in;
    case Cl::kRemove:
      for (auto& row : in) remove_items(c.set_items, row, ctx);
      return in;
    case Cl::kCall:
      return call(c, in, ctx);
    case Cl::kDelete:
      for (auto& row : in)
        for (const auto& e : c.exprs) delete_value(eval(*e, row, ctx), c.detach, ctx);
      return in;
  }
  return in;
}

// Runs the clauses of one part of a query; plans[i] is the plan of sq.clauses[i].
// Runs the clauses of one part of a query from `rows`; plans[i] is the plan of sq.clauses[i].
// `part` numbers the part for PROFILE.
std::vector<Row> run_clauses(const SingleQuery& sq, const std::vector<ClausePlan>& plans, Ctx& ctx,
                             size_t part, std::vector<Row> rows) {
  for (size_t i = 0; i < sq.clauses.size(); ++i) {
    const Clause& c = sq.clauses[i];
    auto start =
        ctx.profile ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
    size_t at = i;
    if (c.kind == Cl::kMatch && plans[i].op != MatchOp::kRows) {
      // The planner joined this MATCH and the projection after it into one operator.
      rows = match_into_projection(c, plans[i], sq.clauses.at(i + 1).proj, plans[i + 1], rows, ctx);
      ++i;
    } else if (c.kind == Cl::kUnwind && !ctx.profile && i + 1 < sq.clauses.size() &&
               (sq.clauses[i + 1].kind == Cl::kWith || sq.clauses[i + 1].kind == Cl::kReturn)) {
      rows = unwind_into_projection(c, sq.clauses[i + 1].proj, plans[i + 1], rows, ctx);
      ctx.row_limit(rows.size());
      ++i;
    } else {
      rows = clause(c, plans[i], std::move(rows), ctx);
      ctx.row_limit(rows.size());
    }
    if (ctx.profile) {
      std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
      ctx.profile->push_back({part, at, rows.size(), ms.count()});
    }
  }
  return rows;
}

std::vector<Row> single(const SingleQuery& sq, const std::vector<ClausePlan>& plans, Ctx& ctx,
                        size_t part) {
  std::vector<Row> rows;
  rows.emplace_back(ctx.slot_count);
  return run_clauses(sq, plans, ctx, part, std::move(rows));
}

bool references_deleted(const Val& v, const Ctx& ctx) {
  if (v.is<NodeRef>()) return ctx.node_deleted(v.as<NodeRef>().v);
  if (v.is<RelRef>()) return ctx.edge_deleted(v.as<RelRef>().e);
  if (v.is<VList>())
    for (const auto& x : v.as<VList>())
      if (references_deleted(x, ctx)) return true;
  if (v.is<VMap>())
    for (const auto& [k, x] : v.as<VMap>())
      if (references_deleted(x, ctx)) return true;
  if (v.is<PathVal>()) {
    for (auto n : v.as<PathVal>().nodes)
      if (ctx.node_deleted(n)) return true;
    for (const auto& e : v.as<PathVal>().rels)
      if (ctx.edge_deleted(e)) return true;
  }
  return false;
}

// Cuts the rows of a RETURN down to its columns, in order.
void to_columns(std::vector<Row>& rows, const std::vector<ReturnItem>& items, const Ctx& ctx) {
  // When no column's slot lies before its own position, a row becomes the result's row in
  // place (column j moves down from its slot, which no later column reads): no copy.
  bool in_place = true;
  for (size_t j = 0; j < items.size(); ++j) in_place = in_place && size_t(items[j].slot) >= j;
  for (auto& r : rows) {
    for (const auto& it : items)
      if (references_deleted(r[it.slot], ctx))
        throw QueryError("EntityNotFound", "DeletedEntityAccess",
                         "the query returns an entity it deleted", 0, 0, false);
    if (in_place) {
      for (size_t j = 0; j < items.size(); ++j)
        if (size_t(items[j].slot) != j) r[j] = std::move(r[items[j].slot]);
      r.resize(items.size());
      continue;
    }
    Row out;
    out.reserve(items.size());
    for (const auto& it : items) out.push_back(std::move(r[it.slot]));
    r = std::move(out);
  }
}

// UNION without ALL: each row once, the first of equal ones kept.
void remove_duplicates(std::vector<Row>& rows) {
  std::set<VList, RowLess> seen;
  std::vector<Row> kept;
  for (auto& r : rows)
    if (seen.insert(r).second) kept.push_back(std::move(r));
  rows = std::move(kept);
}

}  // namespace

bool subquery_has_rows(const Expr& e, const Row& row, Ctx& ctx) {
  // The subquery's operators are not the statement's (PROFILE), and its aggregation has
  // groups of its own.
  auto* profile = ctx.profile;
  auto* agg_exprs = ctx.agg_exprs;
  auto* agg_values = ctx.agg_values;
  ctx.profile = nullptr;
  ctx.agg_exprs = nullptr;
  ctx.agg_values = nullptr;
  std::vector<Row> rows;
  rows.push_back(row);
  bool any = false;
  try {
    any = !run_clauses(*e.subquery, e.subplan->clauses, ctx, 0, std::move(rows)).empty();
  } catch (...) {
    ctx.profile = profile, ctx.agg_exprs = agg_exprs, ctx.agg_values = agg_values;
    throw;
  }
  ctx.profile = profile, ctx.agg_exprs = agg_exprs, ctx.agg_values = agg_values;
  return any;
}

Result execute(const Query& q, const QueryPlan& plan, graph::Graph& g, const Params& params,
               const Options& options, std::vector<OpProfile>* profile) {
  Ctx ctx(g, params, options);
  ctx.profile = profile;
  ctx.slot_count = size_t(q.slot_count);
  if (options.timeout_ms > 0)
    ctx.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  if (options.max_memory > 0) ctx.memory_at_start = base::resident_bytes();
  Result result;
  result.columns = q.columns;
  bool dedupe = false;
  std::exception_ptr failure;
  try {
    for (size_t i = 0; i < q.parts.size(); ++i) {
      if (i > 0 && !q.union_all[i - 1]) dedupe = true;
      std::vector<Row> rows = single(q.parts[i], plan.clauses[i], ctx, i);
      const Clause& last = q.parts[i].clauses.back();
      if (last.kind != Cl::kReturn) continue;
      to_columns(rows, last.proj.items, ctx);
      if (result.rows.empty()) {
        result.rows = std::move(rows);
      } else {
        result.rows.reserve(result.rows.size() + rows.size());
        for (auto& r : rows) result.rows.push_back(std::move(r));
      }
    }
  } catch (...) {
    failure = std::current_exception();
  }
  // Deletions take effect at the end, so that no row ever refers to a removed element; after
  // a failure too, like the query's other changes, which are not rolled back either.
  apply_deletions(ctx);
  if (failure) std::rethrow_exception(failure);
  if (dedupe) remove_duplicates(result.rows);
  result.stats = ctx.stats;
  return result;
}

}  // namespace kg::query
