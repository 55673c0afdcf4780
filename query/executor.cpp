// Executor: runs the clauses of a bound query one after the other over batches of rows.
#include <algorithm>
#include <cmath>
#include <map>

#include "query/aggregate.h"
#include "query/error.h"
#include "query/exec.h"

namespace kg::query {

namespace {

class Executor {
 public:
  explicit Executor(Ctx& ctx) : ctx_(ctx) {}

  // Runs the clauses of one part of a query; plans[i] is the plan of sq.clauses[i].
  std::vector<Row> single(const SingleQuery& sq, const std::vector<ClausePlan>& plans) {
    std::vector<Row> rows;
    rows.emplace_back(ctx_.slot_count);
    for (size_t i = 0; i < sq.clauses.size(); ++i) {
      const Clause& c = sq.clauses[i];
      if (c.kind == Cl::kMatch && plans[i].op != MatchOp::kRows) {
        // The planner joined this MATCH and the projection after it into one operator.
        rows = match_into_projection(c, plans[i], sq.clauses.at(i + 1).proj, plans[i + 1], rows);
        ++i;
        continue;
      }
      rows = clause(c, plans[i], std::move(rows));
      row_limit(rows.size());
    }
    return rows;
  }

 private:
  std::vector<Row> clause(const Clause& c, const ClausePlan& plan, std::vector<Row> in) {
    switch (c.kind) {
      case Cl::kMatch:
        return match(c, plan.match, in);
      case Cl::kUnwind:
        return unwind(c, in);
      case Cl::kWith:
      case Cl::kReturn:
        return project(c.proj, plan, std::move(in));
      case Cl::kCreate:
        for (auto& row : in)
          for (const auto& p : c.patterns) create(p, row);
        return in;
      case Cl::kMerge:
        return merge(c, plan.match, in);
      case Cl::kSet:
        for (auto& row : in) set_items(c.set_items, row);
        return in;
      case Cl::kRemove:
        for (auto& row : in) remove_items(c.set_items, row);
        return in;
      case Cl::kDelete:
        for (auto& row : in)
          for (const auto& e : c.exprs) remove(eval(*e, row, ctx_), c.detach);
        return in;
    }
    return in;
  }

  // A MATCH and the projection of the next clause, run as the planner chose (plan.op).
  std::vector<Row> match_into_projection(const Clause& match, const ClausePlan& plan,
                                         const Projection& proj, const ClausePlan& proj_plan,
                                         std::vector<Row>& in) {
    ProjectionState s = project_start(proj, proj_plan);
    switch (plan.op) {
      case MatchOp::kStream:
        // Matches flow straight into the projection, never stored as rows.
        match_into(match, plan.match, in, [&](Row& r) { project_add(s, r); });
        break;
      case MatchOp::kCountScan:
        counted_scan(match, s, in);
        break;
      case MatchOp::kCountWalk:
        counted_walk(plan, s, in);
        break;
      case MatchOp::kRows:
        break;  // not joined to the projection (see single)
    }
    return project_finish(s);
  }

  void row_limit(size_t n) {
    if (n > ctx_.options.max_rows)
      throw QueryError("ResourceError", "RowLimit", "the query produced too many rows", 0, 0,
                       false);
  }

  std::vector<Row> match(const Clause& c, const MatchPlan& plan, std::vector<Row>& in) {
    std::vector<Row> out;
    match_into(c, plan, in, [&](Row& r) {
      out.push_back(r);
      row_limit(out.size());
    });
    return out;
  }

  // Streams the matches of a MATCH clause into `sink` (the row passed is only borrowed).
  void match_into(const Clause& c, const MatchPlan& plan, std::vector<Row>& in,
                  FunctionRef<void(Row&)> sink) {
    for (auto& row : in) {
      bool any = false;
      match_plan(plan, row, ctx_, [&](Row& r) {
        if (c.where && !is_true(eval(*c.where, r, ctx_))) return;
        any = true;
        sink(r);
      });
      if (!any && c.optional) {
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
  }

  std::vector<Row> unwind(const Clause& c, std::vector<Row>& in) {
    std::vector<Row> out;
    for (auto& row : in) {
      Val v = eval(*c.expr, row, ctx_);
      if (v.is_null()) continue;
      if (!v.is<VList>()) {
        Row r = row;
        r[c.slot] = std::move(v);
        out.push_back(std::move(r));
        continue;
      }
      for (auto& x : v.as<VList>()) {
        Row r = row;
        r[c.slot] = x;
        out.push_back(std::move(r));
      }
    }
    return out;
  }

  // --- projections ---
  struct Out {
    Row row;                // the projected row
    Row env;                // what ORDER BY sees: the row before, with the new names set
    std::vector<Val> aggs;  // aggregate values of the row's group
  };

  int64_t count_arg(const ExprPtr& e) {
    if (!e) return -1;
    Row empty(ctx_.slot_count);
    Val v = eval(*e, empty, ctx_);
    if (!v.is<int64_t>())
      throw QueryError("SyntaxError", "InvalidArgumentType", "SKIP and LIMIT take integers", 0, 0,
                       false);
    if (v.as<int64_t>() < 0)
      throw QueryError("SyntaxError", "NegativeIntegerArgument",
                       "SKIP and LIMIT cannot be negative", 0, 0, false);
    return v.as<int64_t>();
  }

  struct Group {
    Row first;
    std::vector<Val> keys;
    std::vector<Accumulator> accs;
  };

  // A projection fed row by row, so that MATCH can stream into it; finished once.
  struct ProjectionState {
    const Projection& p;
    const ProjectionPlan& plan;
    const std::vector<size_t>& key_items;
    bool needs_env;  // ORDER BY or WHERE look at more than the projected row
    std::vector<Out> outs;
    std::vector<Group> groups;
    std::map<VList, size_t, RowLess> index;
    bool grouped = false;  // the groups' rows are in `outs` already
  };

  ProjectionState project_start(const Projection& p, const ClausePlan& plan) {
    bool needs_env = !p.order.empty() || p.where != nullptr;
    return ProjectionState{p, plan.projection, plan.key_items, needs_env, {}, {}, {}, false};
  }

  void project_add(ProjectionState& s, Row& r) {
    ctx_.tick();
    const Projection& p = s.p;
    if (s.plan.aggregating && s.key_items.empty()) {
      // One group only (count(*) and the like): no key to build or look up per row.
      if (s.groups.empty())
        s.groups.push_back({r, {}, std::vector<Accumulator>(s.plan.aggregates.size())});
      for (size_t a = 0; a < s.plan.aggregates.size(); ++a)
        accumulate(s.groups[0].accs[a], *s.plan.aggregates[a], r, ctx_);
      return;
    }
    if (s.plan.aggregating) {
      VList key;
      for (size_t i : s.key_items) key.push_back(eval(*p.items[i].expr, r, ctx_));
      auto it = s.index.find(key);
      if (it == s.index.end()) {
        it = s.index.emplace(key, s.groups.size()).first;
        s.groups.push_back({r, std::move(key), std::vector<Accumulator>(s.plan.aggregates.size())});
        row_limit(s.groups.size());
      }
      Group& g = s.groups[it->second];
      for (size_t a = 0; a < s.plan.aggregates.size(); ++a)
        accumulate(g.accs[a], *s.plan.aggregates[a], r, ctx_);
      return;
    }
    Out o;
    o.row.assign(ctx_.slot_count, Val());
    if (s.needs_env) o.env = r;
    for (const auto& it : p.items) {
      Val v = eval(*it.expr, r, ctx_);
      if (s.needs_env) o.env[it.slot] = v;
      o.row[it.slot] = std::move(v);
    }
    s.outs.push_back(std::move(o));
    row_limit(s.outs.size());
  }

  // Counting scans and walks see matches that do not depend on the incoming rows (see
  // plan_count.cpp): they count those of the first row, and every other row has as many.

  // A counting scan skips the rows: its groups come straight from count_by_scan.
  void counted_scan(const Clause& match, ProjectionState& s, const std::vector<Row>& in) {
    if (in.empty()) return;
    std::vector<CountedGroup> counted;
    count_by_scan(match.patterns[0], s.key_items.size(), in[0], ctx_, counted);
    for (auto& c : counted) {
      Group g{std::move(c.first), std::move(c.keys),
              std::vector<Accumulator>(s.plan.aggregates.size())};
      for (auto& acc : g.accs) acc.count = c.count * int64_t(in.size());
      s.groups.push_back(std::move(g));
    }
  }

  // A counting walk skips the rows and the groups: the planner admits projections whose items
  // are all counts of the matches, so the one row they make holds the count in every column.
  void counted_walk(const ClausePlan& plan, ProjectionState& s, std::vector<Row>& in) {
    int64_t n = in.empty() ? 0 : count_by_walk(plan.match.parts.at(0), in[0], ctx_);
    Val count(n * int64_t(in.size()));
    Out o;
    o.row.resize(ctx_.slot_count);
    for (const auto& item : s.p.items) o.row[item.slot] = count;
    // ORDER BY can only name these items (see walk_countable): it reads the row, not `env`
    // or `aggs`.
    s.outs.push_back(std::move(o));
    s.grouped = true;
  }

  std::vector<Row> project(const Projection& p, const ClausePlan& plan, std::vector<Row> in) {
    ProjectionState s = project_start(p, plan);
    for (auto& r : in) project_add(s, r);
    return project_finish(s);
  }

  std::vector<Row> project_finish(ProjectionState& s) {
    const Projection& p = s.p;
    const ProjectionPlan& plan = s.plan;
    std::vector<Out>& outs = s.outs;
    if (plan.aggregating && !s.grouped) finish_groups(s);
    if (p.distinct) {
      std::set<VList, RowLess> seen;
      std::vector<Out> kept;
      for (auto& o : outs) {
        VList key;
        for (const auto& it : p.items) key.push_back(o.row[it.slot]);
        if (seen.insert(std::move(key)).second) kept.push_back(std::move(o));
      }
      outs = std::move(kept);
    }
    if (!p.order.empty()) sort(p, plan, outs);
    int64_t skip = count_arg(p.skip), limit = count_arg(p.limit);
    size_t begin = skip > 0 ? std::min<size_t>(size_t(skip), outs.size()) : 0;
    size_t end = outs.size();
    if (limit >= 0) end = std::min(end, begin + size_t(limit));
    std::vector<Row> rows;
    rows.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
      if (p.where && !is_true(eval(*p.where, outs[i].env, ctx_))) continue;
      rows.push_back(std::move(outs[i].row));
    }
    return rows;
  }

  void finish_groups(ProjectionState& s) {
    const Projection& p = s.p;
    const ProjectionPlan& plan = s.plan;
    auto& groups = s.groups;
    const auto& key_items = s.key_items;
    auto& outs = s.outs;
    if (groups.empty() && key_items.empty())
      groups.push_back(
          {Row(ctx_.slot_count), {}, std::vector<Accumulator>(plan.aggregates.size())});
    for (auto& g : groups) {
      Out o;
      for (size_t a = 0; a < plan.aggregates.size(); ++a)
        o.aggs.push_back(aggregate_result(g.accs[a], *plan.aggregates[a]));
      ctx_.agg_exprs = &plan.aggregates;
      ctx_.agg_values = &o.aggs;
      o.row.assign(ctx_.slot_count, Val());
      o.env = std::move(g.first);
      size_t k = 0;
      std::vector<Val> vals;
      for (size_t i = 0; i < p.items.size(); ++i) {
        if (k < key_items.size() && key_items[k] == i)
          vals.push_back(g.keys[k++]);
        else
          vals.push_back(eval(*p.items[i].expr, o.env, ctx_));
      }
      ctx_.agg_exprs = nullptr;
      ctx_.agg_values = nullptr;
      for (size_t i = 0; i < p.items.size(); ++i) {
        o.row[p.items[i].slot] = vals[i];
        o.env[p.items[i].slot] = std::move(vals[i]);
      }
      outs.push_back(std::move(o));
    }
  }

  void sort(const Projection& p, const ProjectionPlan& plan, std::vector<Out>& outs) {
    std::vector<std::pair<VList, size_t>> keyed;
    keyed.reserve(outs.size());
    for (size_t i = 0; i < outs.size(); ++i) {
      VList key;
      for (size_t s = 0; s < p.order.size(); ++s) {
        int item = plan.order_item[s];
        if (item >= 0) {
          key.push_back(outs[i].row[p.items[item].slot]);
          continue;
        }
        ctx_.agg_exprs = &plan.aggregates;
        ctx_.agg_values = &outs[i].aggs;
        key.push_back(eval(*p.order[s].expr, outs[i].env, ctx_));
        ctx_.agg_exprs = nullptr;
        ctx_.agg_values = nullptr;
      }
      keyed.emplace_back(std::move(key), i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      for (size_t s = 0; s < p.order.size(); ++s) {
        int c = order(a.first[s], b.first[s]);
        if (c) return p.order[s].descending ? c > 0 : c < 0;
      }
      return false;
    });
    std::vector<Out> sorted;
    sorted.reserve(outs.size());
    for (auto& [k, i] : keyed) sorted.push_back(std::move(outs[i]));
    outs = std::move(sorted);
  }

  // --- updates ---
  graph::Map property_map(const Expr* props, Row& row) {
    graph::Map m;
    if (!props) return m;
    Val v = eval(*props, row, ctx_);
    if (v.is_null()) return m;
    if (!v.is<VMap>()) type_error("InvalidArgumentType", "properties must be a map");
    for (const auto& [k, x] : v.as<VMap>()) {
      if (x.is_null()) continue;
      graph::Value gv;
      if (!storable(x) || !to_graph(x, gv))
        type_error("InvalidPropertyType", "property '" + k + "' cannot be stored");
      graph::map_set(m, k, std::move(gv));
    }
    return m;
  }

  static bool storable(const Val& v) {
    if (v.is<VMap>() || v.is<NodeRef>() || v.is<RelRef>() || v.is<PathVal>()) return false;
    if (v.is<VList>())
      for (const auto& x : v.as<VList>())
        if (!(x.is_null() || x.is<bool>() || x.is_number() || x.is<std::string>())) return false;
    return true;
  }

  void create(const PatternPart& p, Row& row) {
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      const NodePat& n = p.nodes[i];
      if (n.bound) {
        if (!row[n.slot].is<NodeRef>())
          type_error("InvalidArgumentType", "cannot create a relationship to a null node");
      } else {
        graph::Map props = property_map(n.props.get(), row);
        ctx_.stats.properties_set += int64_t(props.size());
        auto v = ctx_.g.add_node(n.labels, std::move(props));
        ++ctx_.stats.nodes_created;
        ctx_.stats.labels_added += int64_t(n.labels.size());
        row[n.slot] = Val(NodeRef{v});
      }
    }
    for (size_t i = 0; i < p.rels.size(); ++i) {
      const RelPat& r = p.rels[i];
      auto a = row[p.nodes[i].slot].as<NodeRef>().v, b = row[p.nodes[i + 1].slot].as<NodeRef>().v;
      if (r.dir == Dir::kLeft) std::swap(a, b);
      graph::Map props = property_map(r.props.get(), row);
      ctx_.stats.properties_set += int64_t(props.size());
      auto e = ctx_.g.add_edge(a, b, r.types.at(0), std::move(props));
      ++ctx_.stats.relationships_created;
      row[r.slot] = Val(RelRef{e});
    }
    if (p.path_slot >= 0) row[p.path_slot] = Val(build_path(p, row, ctx_));
  }

  std::vector<Row> merge(const Clause& c, const MatchPlan& plan, std::vector<Row>& in) {
    const PatternPart& p = c.patterns[0];
    std::vector<Row> out;
    for (auto& row : in) {
      std::vector<Row> found;
      match_plan(plan, row, ctx_, [&](Row& r) { found.push_back(r); });
      if (found.empty()) {
        Row r = row;
        create(p, r);
        set_items(c.on_create, r);
        out.push_back(std::move(r));
      } else {
        for (auto& r : found) {
          set_items(c.on_match, r);
          out.push_back(std::move(r));
        }
      }
    }
    return out;
  }

  void set_property(const Val& target, const std::string& key, const Val& value) {
    if (target.is_null()) return;
    graph::Value gv;
    if (!value.is_null() && (!storable(value) || !to_graph(value, gv)))
      type_error("InvalidPropertyType", "property '" + key + "' cannot be stored");
    if (target.is<NodeRef>())
      ctx_.g.set_node_property(target.as<NodeRef>().v, key, std::move(gv));
    else if (target.is<RelRef>())
      ctx_.g.set_edge_property(target.as<RelRef>().e, key, std::move(gv));
    else
      type_error("InvalidArgumentType", "SET needs a node or a relationship");
    ++ctx_.stats.properties_set;
  }

  std::vector<std::string> keys_of(const Val& t) {
    if (t.is<NodeRef>()) return ctx_.g.node_keys(t.as<NodeRef>().v);
    if (t.is<RelRef>()) return ctx_.g.edge_keys(t.as<RelRef>().e);
    return {};
  }

  void set_items(const std::vector<SetItem>& items, Row& row) {
    for (const auto& it : items) {
      if (it.kind == SetItem::kProperty) {
        Val target = eval(*it.target->kids[0], row, ctx_);
        set_property(target, it.target->name, eval(*it.value, row, ctx_));
        continue;
      }
      Val target = eval(*it.target, row, ctx_);
      if (target.is_null()) continue;
      if (it.kind == SetItem::kLabels) {
        if (!target.is<NodeRef>()) type_error("InvalidArgumentType", "labels belong to nodes");
        auto& labels = ctx_.g.node(target.as<NodeRef>().v).labels;
        for (const auto& l : it.labels)
          if (std::find(labels.begin(), labels.end(), l) == labels.end()) {
            labels.push_back(l);
            ++ctx_.stats.labels_added;
          }
        continue;
      }
      Val value = eval(*it.value, row, ctx_);
      VMap m;
      if (value.is<NodeRef>())
        m = node_map(ctx_.g, value.as<NodeRef>().v);
      else if (value.is<RelRef>())
        m = rel_map(ctx_.g, value.as<RelRef>().e);
      else if (value.is<VMap>())
        m = value.as<VMap>();
      else if (!value.is_null())
        type_error("InvalidArgumentType", "SET = takes a map");
      if (it.kind == SetItem::kReplaceMap)
        for (const auto& k : keys_of(target))
          if (!vmap_find(m, k)) set_property(target, k, Val());
      for (const auto& [k, v] : m) set_property(target, k, v);
    }
  }

  void remove_items(const std::vector<SetItem>& items, Row& row) {
    for (const auto& it : items) {
      if (it.kind == SetItem::kProperty) {
        Val target = eval(*it.target->kids[0], row, ctx_);
        if (target.is_null()) continue;
        bool had = !eval(*it.target, row, ctx_).is_null();
        if (had) set_property(target, it.target->name, Val());
        continue;
      }
      Val target = eval(*it.target, row, ctx_);
      if (!target.is<NodeRef>()) continue;
      auto& labels = ctx_.g.node(target.as<NodeRef>().v).labels;
      for (const auto& l : it.labels) {
        auto pos = std::find(labels.begin(), labels.end(), l);
        if (pos != labels.end()) {
          labels.erase(pos);
          ++ctx_.stats.labels_removed;
        }
      }
    }
  }

  void remove(const Val& v, bool detach) {
    const auto& s = ctx_.g.store();
    if (v.is_null()) return;
    if (v.is<RelRef>()) {
      if (ctx_.deleted_edges.insert(v.as<RelRef>().e).second) ++ctx_.stats.relationships_deleted;
      return;
    }
    if (v.is<PathVal>()) {
      for (const auto& e : v.as<PathVal>().rels) remove(Val(RelRef{e}), detach);
      for (auto n : v.as<PathVal>().nodes) remove(Val(NodeRef{n}), true);
      return;
    }
    if (!v.is<NodeRef>())
      type_error("InvalidArgumentType", "DELETE takes nodes, relationships or paths");
    auto n = v.as<NodeRef>().v;
    if (ctx_.node_deleted(n)) return;
    std::vector<graph::EdgeId> touching;
    for (auto [it, end] = boost::out_edges(n, s); it != end; ++it)
      if (!ctx_.edge_deleted(*it)) touching.push_back(*it);
    for (auto [it, end] = boost::in_edges(n, s); it != end; ++it)
      if (!ctx_.edge_deleted(*it)) touching.push_back(*it);
    if (!touching.empty() && !detach)
      throw QueryError("ConstraintVerificationFailed", "DeleteConnectedNode",
                       "cannot delete a node that has relationships; use DETACH DELETE", 0, 0,
                       false);
    for (const auto& e : touching) remove(Val(RelRef{e}), false);
    ctx_.deleted_nodes.insert(n);
    ++ctx_.stats.nodes_deleted;
  }

  Ctx& ctx_;
};

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

}  // namespace

Result execute(const Query& q, const QueryPlan& plan, graph::Graph& g, const Params& params,
               const Options& options) {
  Ctx ctx(g, params, options);
  ctx.slot_count = size_t(q.slot_count);
  if (options.timeout_ms > 0)
    ctx.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  Result result;
  result.columns = q.columns;
  Executor ex(ctx);
  bool dedupe = false;
  std::exception_ptr failure;
  try {
    for (size_t i = 0; i < q.parts.size(); ++i) {
      if (i > 0 && !q.union_all[i - 1]) dedupe = true;
      std::vector<Row> rows = ex.single(q.parts[i], plan.clauses[i]);
      const Clause& last = q.parts[i].clauses.back();
      if (last.kind != Cl::kReturn) continue;
      const auto& items = last.proj.items;
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
  // Deletions take effect at the end, so that no row ever refers to a removed element.
  for (const auto& e : ctx.deleted_edges)
    if (!ctx.deleted_nodes.count(boost::source(e, g.store())) &&
        !ctx.deleted_nodes.count(boost::target(e, g.store())))
      g.remove_edge(e);
  for (auto v : ctx.deleted_nodes) g.remove_node(v);
  if (failure) std::rethrow_exception(failure);
  if (dedupe) {
    std::set<VList, RowLess> seen;
    std::vector<std::vector<Val>> kept;
    for (auto& r : result.rows)
      if (seen.insert(r).second) kept.push_back(std::move(r));
    result.rows = std::move(kept);
  }
  result.stats = ctx.stats;
  return result;
}

}  // namespace kg::query
