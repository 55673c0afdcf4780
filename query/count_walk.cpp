// Counting walks: `MATCH (a {name: $n})-->(b)-[:T]->(c) RETURN count(*)` answered by nested
// loops over adjacency lists, as one would write them by hand: no row, no Val and no callback
// per match, only a vertex and a relationship per hop kept to check relationship uniqueness.
// A last hop that checks nothing but uniqueness is counted from its list's length.
// The planner (walk_countable in plan_count.cpp) admits fixed-length patterns with labels and types
// but no property constraint other than the start's name, and no variable bound before or repeated.
#include <algorithm>

#include "query/exec.h"

namespace kg::query {

namespace {

using graph::EdgeId;
using graph::VertexId;

// One hop, resolved against the graph before the walk. Plain data, so that a walk keeps its
// hops inline and allocates nothing.
struct Hop {
  int from = 0, to = 0;          // pattern node indexes
  bool out = false, in = false;  // which adjacency lists of `from` to walk
  bool any_type = true;
  uint32_t types_begin = 0, types_end = 0;           // the allowed type ids, in Walk::types_
  const std::vector<std::string>* labels = nullptr;  // what `to` must carry; null: anything
};

class Walk {
 public:
  Walk(const PartPlan& plan, Ctx& ctx) : ctx_(ctx), s_(ctx.g.store()) {
    const PatternPart& p = *plan.part;
    hops_.resize(plan.steps.size(), Hop{});
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      const Step& step = plan.steps[i];
      const RelPat& r = p.rels[step.rel];
      Hop& h = hops_[i];
      h.from = step.forward ? step.rel : step.rel + 1;
      h.to = step.node;
      // As Matcher::each_edge: a right arrow walked forward (or a left one walked backward)
      // follows out-edges.
      h.out = r.dir == Dir::kBoth || (r.dir == Dir::kRight) == step.forward;
      h.in = r.dir == Dir::kBoth || (r.dir == Dir::kLeft) == step.forward;
      h.any_type = r.types.empty();
      h.types_begin = uint32_t(types_.size());
      // A type the graph has never seen matches nothing: it is left out.
      for (const auto& t : r.types)
        if (auto id = ctx.g.interned(t)) types_.push_back(*id);
      h.types_end = uint32_t(types_.size());
      if (!p.nodes[step.node].labels.empty()) h.labels = &p.nodes[step.node].labels;
    }
    at_.resize(p.nodes.size(), VertexId{});
    used_.resize(plan.steps.size(), EdgeId{});
  }

  // Counts the matches that start at v (already checked against the start node's pattern).
  int64_t from(VertexId v, int start) {
    at_[start] = v;
    return hops_.empty() ? 1 : walk(0);
  }

 private:
  // The matches of hops hi.. from where the walk stands.
  int64_t walk(size_t hi) {
    ctx_.tick();  // once per adjacency list: the time limit needs no finer grain
    const Hop& h = hops_[hi];
    bool last = hi + 1 == hops_.size();
    VertexId v = at_[h.from];
    // A last hop along one list that checks nothing but uniqueness counts without reading
    // the list: its length, less the pattern's earlier relationships in it (an edge is in
    // the out-list of its source only, in the in-list of its target only).
    if (last && h.out != h.in && h.any_type && !h.labels && !any_deleted_) {
      int64_t n = int64_t(h.out ? boost::out_degree(v, s_) : boost::in_degree(v, s_));
      for (size_t i = 0; i < hi; ++i)
        n -= (h.out ? boost::source(used_[i], s_) : boost::target(used_[i], s_)) == v;
      return n;
    }
    int64_t n = 0;
    if (h.out)
      for (auto [it, end] = boost::out_edges(v, s_); it != end; ++it)
        n += take(hi, last, *it, boost::target(*it, s_));
    if (h.in)
      for (auto [it, end] = boost::in_edges(v, s_); it != end; ++it) {
        VertexId other = boost::source(*it, s_);
        if (h.out && other == v) continue;  // a self loop is seen once
        n += take(hi, last, *it, other);
      }
    return n;
  }

  // The matches through relationship e of hop hi, which reaches `other`.
  int64_t take(size_t hi, bool last, const EdgeId& e, VertexId other) {
    const Hop& h = hops_[hi];
    if (!h.any_type) {
      const uint32_t *first = types_.begin() + h.types_begin, *end = types_.begin() + h.types_end;
      if (std::find(first, end, s_[e].relation) == end) return 0;
    }
    // openCypher never binds one relationship twice within a pattern.
    for (size_t i = 0; i < hi; ++i)
      if (used_[i] == e) return 0;
    if (any_deleted_ && (ctx_.edge_deleted(e) || ctx_.node_deleted(other))) return 0;
    if (h.labels && !has_labels(s_[other], *h.labels)) return 0;
    if (last) return 1;
    used_[hi] = e;
    at_[h.to] = other;
    return walk(hi + 1);
  }

  Ctx& ctx_;
  const graph::Store& s_;
  graph::SmallVector<Hop, 4> hops_;
  graph::SmallVector<uint32_t, 8> types_;
  graph::SmallVector<VertexId, 5> at_;  // the vertex of each pattern node reached so far
  graph::SmallVector<EdgeId, 4> used_;  // the relationship of each hop taken so far
  // Whether this query deleted anything yet (a count walk itself never does).
  bool any_deleted_ = !ctx_.deleted_nodes.empty() || !ctx_.deleted_edges.empty();
};

}  // namespace

int64_t count_by_walk(const PartPlan& plan, Row& input, Ctx& ctx) {
  const NodePat& start = plan.part->nodes[plan.start];
  Walk walk(plan, ctx);
  auto start_ok = [&](VertexId v) {
    return !ctx.node_deleted(v) && has_labels(ctx.g.node(v), start.labels);
  };
  int64_t n = 0;
  if (plan.anchor_name) {
    Val scratch;
    const Val& name = eval_ref(*plan.anchor_name, input, ctx, scratch);
    if (!name.is<std::string>()) return 0;
    for (VertexId v : anchor_candidates(ctx.g, name.as<std::string>())) {
      ctx.tick();
      if (start_ok(v)) n += walk.from(v, plan.start);
    }
    return n;
  }
  for (auto [it, end] = boost::vertices(ctx.g.store()); it != end; ++it) {
    ctx.tick();
    if (start_ok(*it)) n += walk.from(*it, plan.start);
  }
  return n;
}

}  // namespace kg::query
