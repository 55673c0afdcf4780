// Pattern matching over the Boost.Graph store: walks planned by the planner, var-length
// expansion with relationship uniqueness, and breadth-first shortest paths.
#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_map>
#include <utility>

#include "query/error.h"
#include "query/exec.h"

namespace kg::query {

namespace {

using graph::EdgeId;
using graph::VertexId;

struct Matcher {
  const MatchPlan& plan;
  Ctx& ctx;
  FunctionRef<void(Row&)> emit;
  graph::SmallVector<EdgeId, 8> used;  // relationships bound in this match: each at most once

  bool is_used(const EdgeId& e) const {
    return std::find(used.begin(), used.end(), e) != used.end();
  }

  // Property-map constraints, evaluated against the row as it is when the node is reached.
  bool props_ok(const Expr* props, Row& row, bool node, VertexId v, const EdgeId* e) {
    if (!props) return true;
    Val m = eval(*props, row, ctx);
    if (m.is_null()) return true;
    if (!m.is<VMap>()) type_error("InvalidArgumentType", "property constraints must be a map");
    for (const auto& [k, want] : m.as<VMap>()) {
      if (node && k == "name" && want.is<std::string>()) {
        // A node's aliases are names too: {name: 'Guterres'} finds 'Antonio Guterres'.
        const auto& n = ctx.g.node(v);
        const std::string& w = want.as<std::string>();
        if (n.name == w || std::find(n.aliases.begin(), n.aliases.end(), w) != n.aliases.end())
          continue;
        return false;
      }
      Val have = from_graph(node ? ctx.g.node_property(v, k) : ctx.g.edge_property(*e, k));
      if (!equals(have, want).value_or(false)) return false;
    }
    return true;
  }

  bool node_ok(const NodePat& n, VertexId v, Row& row) {
    if (ctx.node_deleted(v)) return false;
    // Only a pattern with labels touches the node's data.
    if (!n.labels.empty() && !has_labels(ctx.g.node(v), n.labels)) return false;
    return props_ok(n.props.get(), row, true, v, nullptr);
  }

  bool rel_ok(const RelPat& r, const EdgeId& e, Row& row) {
    if (ctx.edge_deleted(e)) return false;
    if (!r.types.empty()) {
      std::string_view t = ctx.g.relation(e);
      if (std::find(r.types.begin(), r.types.end(), t) == r.types.end()) return false;
    }
    return props_ok(r.props.get(), row, false, VertexId{}, &e);
  }

  // Calls f(edge, other end) for each relationship of v the pattern allows.
  template <class F>
  void each_edge(VertexId v, const RelPat& r, bool forward, F&& f) {
    const auto& s = ctx.g.store();
    bool out = r.dir == Dir::kBoth || (r.dir == Dir::kRight) == forward;
    bool in = r.dir == Dir::kBoth || (r.dir == Dir::kLeft) == forward;
    if (out)
      for (auto [it, end] = boost::out_edges(v, s); it != end; ++it) f(*it, boost::target(*it, s));
    if (in)
      for (auto [it, end] = boost::in_edges(v, s); it != end; ++it) {
        VertexId from = boost::source(*it, s);
        if (out && from == v) continue;  // a self loop is seen once
        f(*it, from);
      }
  }

  void part(size_t pi, Row& row) {
    if (pi == plan.parts.size()) {
      emit(row);
      return;
    }
    const PartPlan& pp = plan.parts[pi];
    const PatternPart& p = *pp.part;
    const NodePat& start = p.nodes[pp.start];
    auto visit = [&](VertexId v) {
      ctx.tick();
      if (node_ok(start, v, row)) from_start(pi, v, row);
    };
    if (pp.start_check) {
      const Val& b = row[start.slot];
      if (!b.is<NodeRef>()) return;
      visit(b.as<NodeRef>().v);
      return;
    }
    if (pp.anchor_name) {
      start_at_named(pi, row);
      return;
    }
    // A scan: snapshot the vertices so that writes made downstream cannot disturb it.
    std::vector<VertexId> all;
    all.reserve(ctx.g.node_count());
    for (auto [it, end] = boost::vertices(ctx.g.store()); it != end; ++it) all.push_back(*it);
    for (VertexId v : all) visit(v);
  }

  // Part pi from the nodes the name index finds for its start's {name: ...}.
  void start_at_named(size_t pi, Row& row) {
    const PartPlan& pp = plan.parts[pi];
    const NodePat& start = pp.part->nodes[pp.start];
    Val scratch;
    const Val& name = eval_ref(*pp.anchor_name, row, ctx, scratch);
    if (!name.is<std::string>()) return;
    // A copy (inline for the usual single node), so that writes made downstream cannot
    // disturb the index while it is walked.
    graph::VertexList candidates = anchor_candidates(ctx.g, name.as<std::string>());
    // Constraints besides the name (which the index satisfies) need the map evaluated.
    bool only_name = start.props->kind == Ex::kMap && start.props->keys.size() == 1;
    for (VertexId v : candidates) {
      if (ctx.node_deleted(v) || !has_labels(ctx.g.node(v), start.labels)) continue;
      if (only_name || other_props_ok(start, v, row)) from_start(pi, v, row);
    }
  }

  // The start's property constraints other than its name, which the index answered.
  bool other_props_ok(const NodePat& start, VertexId v, Row& row) {
    Val m = eval(*start.props, row, ctx);
    bool ok = true;
    for (const auto& [k, want] : m.as<VMap>()) {
      if (k == "name") continue;
      if (!equals(from_graph(ctx.g.node_property(v, k)), want).value_or(false)) ok = false;
    }
    return ok;
  }

  // Binds the start node of part pi to v and matches the rest of the part from there.
  void from_start(size_t pi, VertexId v, Row& row) {
    const PartPlan& pp = plan.parts[pi];
    const PatternPart& p = *pp.part;
    int slot = p.nodes[pp.start].slot;
    Val saved = std::exchange(row[slot], Val(NodeRef{v}));
    if (p.shortest == Shortest::kNone)
      step(pi, 0, row);
    else
      shortest(pi, v, row);
    row[slot] = std::move(saved);
  }

  void step(size_t pi, size_t si, Row& row) {
    const PartPlan& pp = plan.parts[pi];
    const PatternPart& p = *pp.part;
    if (si == pp.steps.size()) {
      if (p.path_slot >= 0) {
        Val saved = row[p.path_slot];
        row[p.path_slot] = Val(build_path(p, row, ctx));
        part(pi + 1, row);
        row[p.path_slot] = std::move(saved);
      } else {
        part(pi + 1, row);
      }
      return;
    }
    const Step& s = pp.steps[si];
    const RelPat& r = p.rels[s.rel];
    const NodePat& to = p.nodes[s.node];
    int from_index = s.forward ? s.rel : s.rel + 1;
    VertexId from = row[p.nodes[from_index].slot].as<NodeRef>().v;
    auto arrive = [&](VertexId other) {
      if (s.node_check) {
        const Val& b = row[to.slot];
        if (!b.is<NodeRef>() || b.as<NodeRef>().v != other) return;
        if (!node_ok(to, other, row)) return;
        step(pi, si + 1, row);
        return;
      }
      if (!node_ok(to, other, row)) return;
      Val saved = std::exchange(row[to.slot], Val(NodeRef{other}));
      step(pi, si + 1, row);
      row[to.slot] = std::move(saved);
    };
    if (!r.var_length) {
      each_edge(from, r, s.forward, [&](const EdgeId& e, VertexId other) {
        ctx.tick();
        if (is_used(e) || !rel_ok(r, e, row)) return;
        if (s.rel_check) {
          const Val& b = row[r.slot];
          if (!b.is<RelRef>() || !(b.as<RelRef>().e == e)) return;
        }
        used.push_back(e);
        Val saved = std::exchange(row[r.slot], Val(RelRef{e}));
        arrive(other);
        row[r.slot] = std::move(saved);
        used.pop_back();
      });
      return;
    }
    if (s.rel_check) {
      follow_list(from, r, s, row, arrive);
      return;
    }
    int64_t max =
        r.max_hops < 0 ? ctx.options.max_hops : std::min(r.max_hops, ctx.options.max_hops);
    std::vector<EdgeId> trail;
    expand(from, r, s.forward, r.min_hops, max, trail, row, [&](VertexId end) {
      Val saved = row[r.slot];
      VList rels;
      for (const auto& e : trail) rels.push_back(Val(RelRef{e}));
      if (!s.forward) std::reverse(rels.begin(), rels.end());
      row[r.slot] = Val(std::move(rels));
      arrive(end);
      row[r.slot] = std::move(saved);
    });
  }

  // A var-length relationship bound to a list already: walk exactly those relationships.
  template <class F>
  void follow_list(VertexId from, const RelPat& r, const Step& s, Row& row, F&& arrive) {
    const Val& b = row[r.slot];
    if (!b.is<VList>()) return;
    std::vector<EdgeId> rels;
    for (const auto& x : b.as<VList>()) {
      if (!x.is<RelRef>()) return;
      rels.push_back(x.as<RelRef>().e);
    }
    if (!s.forward) std::reverse(rels.begin(), rels.end());
    if (int64_t(rels.size()) < r.min_hops || (r.max_hops >= 0 && int64_t(rels.size()) > r.max_hops))
      return;
    VertexId cur = from;
    for (const auto& e : rels) {
      if (is_used(e) || !rel_ok(r, e, row)) return;
      bool found = false;
      VertexId next{};
      each_edge(cur, r, s.forward, [&](const EdgeId& cand, VertexId other) {
        if (!found && cand == e) found = true, next = other;
      });
      if (!found) return;
      cur = next;
    }
    for (const auto& e : rels) used.push_back(e);
    arrive(cur);
    used.resize(used.size() - rels.size());
  }

  template <class F>
  void expand(VertexId v, const RelPat& r, bool forward, int64_t min, int64_t max,
              std::vector<EdgeId>& trail, Row& row, F&& at_end) {
    if (int64_t(trail.size()) >= min) at_end(v);
    if (int64_t(trail.size()) >= max) return;
    each_edge(v, r, forward, [&](const EdgeId& e, VertexId other) {
      ctx.tick();
      if (is_used(e) || !rel_ok(r, e, row)) return;
      used.push_back(e);
      trail.push_back(e);
      expand(other, r, forward, min, max, trail, row, at_end);
      trail.pop_back();
      used.pop_back();
    });
  }

  // Shortest paths from `start`: the one or all shortest to each acceptable end node.
  void shortest(size_t pi, VertexId start, Row& row) {
    const PartPlan& pp = plan.parts[pi];
    const PatternPart& p = *pp.part;
    const RelPat& r = p.rels[0];
    int64_t max =
        r.max_hops < 0 ? ctx.options.max_hops : std::min(r.max_hops, ctx.options.max_hops);
    auto targets = known_ends(pp, row);
    // One shortest path between two different known nodes: search from both ends at once.
    if (p.shortest == Shortest::kOne && targets && targets->size() == 1 && (*targets)[0] != start &&
        r.min_hops <= 1) {
      VertexId end = (*targets)[0];
      if (!node_ok(p.nodes.back(), end, row)) return;
      std::vector<EdgeId> path;
      if (meet_in_middle(start, end, r, max, row, path)) emit_path(pi, start, end, path, row);
      return;
    }
    Search search = breadth_first(p, start, max, targets ? &*targets : nullptr, row);
    std::vector<VertexId> ends;
    if (targets)
      ends = std::move(*targets);
    else
      for (const auto& [v, visit] : search.reached) ends.push_back(v);
    for (VertexId v : ends) emit_paths_to(pi, search, start, v, row);
  }

  // The end nodes of a shortest-path part when they are known before the search (bound
  // already, or looked up by name), so that it can stop once it reached them all; nullopt
  // when any node may end the path.
  std::optional<std::vector<VertexId>> known_ends(const PartPlan& pp, Row& row) {
    const NodePat& end_pat = pp.part->nodes.back();
    std::vector<VertexId> ends;
    if (pp.end_check) {
      if (row[end_pat.slot].is<NodeRef>()) ends.push_back(row[end_pat.slot].as<NodeRef>().v);
      return ends;
    }
    const Expr* name = name_anchor(end_pat);
    if (!name) return std::nullopt;
    Val n = eval(*name, row, ctx);
    if (n.is<std::string>()) {
      const auto& found = ctx.g.find(n.as<std::string>());
      ends.assign(found.begin(), found.end());
    }
    return ends;
  }

  // What a breadth-first search reached: the depth and first parent of each node and, for
  // allShortestPaths, the further parents at the same depth.
  struct Visit {
    int64_t depth;
    EdgeId edge;
    VertexId from;
  };
  struct Search {
    std::unordered_map<VertexId, Visit> reached;
    std::unordered_map<VertexId, std::vector<std::pair<EdgeId, VertexId>>> more_parents;
  };

  // Breadth-first search from `start` over relationships of the part's pattern, at most `max`
  // deep. With known `targets` it stops once it reached them all: shortestPath at once,
  // allShortestPaths after the level it is on.
  Search breadth_first(const PatternPart& p, VertexId start, int64_t max,
                       const std::vector<VertexId>* targets, Row& row) {
    const RelPat& r = p.rels[0];
    Search search{{{start, Visit{0, EdgeId(), VertexId()}}}, {}};
    std::deque<VertexId> queue{start};
    size_t found = 0;
    int64_t stop_after = max;
    while (!queue.empty()) {
      VertexId v = queue.front();
      queue.pop_front();
      int64_t d = search.reached[v].depth;
      if (d >= stop_after) continue;
      if (targets && found == targets->size() && p.shortest == Shortest::kOne) break;
      each_edge(v, r, true, [&](const EdgeId& e, VertexId other) {
        ctx.tick();
        if (!rel_ok(r, e, row)) return;
        auto it = search.reached.find(other);
        if (it != search.reached.end()) {
          if (it->second.depth == d + 1 && p.shortest == Shortest::kAll)
            search.more_parents[other].push_back({e, v});
          return;
        }
        search.reached.emplace(other, Visit{d + 1, e, v});
        queue.push_back(other);
        if (targets && std::find(targets->begin(), targets->end(), other) != targets->end() &&
            d + 1 >= r.min_hops && ++found == targets->size()) {
          stop_after = d + 1;
          if (p.shortest == Shortest::kOne) queue.clear();
        }
      });
    }
    return search;
  }

  // Emits the shortest paths the search found to `end`, walking its parents back from there:
  // the first one for shortestPath, all of them for allShortestPaths.
  void emit_paths_to(size_t pi, const Search& search, VertexId start, VertexId end, Row& row) {
    const PatternPart& p = *plan.parts[pi].part;
    auto it = search.reached.find(end);
    if (it == search.reached.end() || it->second.depth < p.rels[0].min_hops) return;
    if (!node_ok(p.nodes.back(), end, row)) return;
    std::vector<EdgeId> rev;
    walk_back(pi, search, start, end, it->second.depth, end, rev, row);
  }

  // One step of emit_paths_to, at `v`, with `rev` the relationships from `end` back to `v`.
  // Returns true when no further path is wanted.
  bool walk_back(size_t pi, const Search& search, VertexId start, VertexId end, int64_t length,
                 VertexId v, std::vector<EdgeId>& rev, Row& row) {
    if (v == start && int64_t(rev.size()) == length) {
      emit_path(pi, start, end, std::vector<EdgeId>(rev.rbegin(), rev.rend()), row);
      return plan.parts[pi].part->shortest == Shortest::kOne;
    }
    auto at = search.reached.find(v);
    if (at == search.reached.end() || at->second.depth == 0) return false;
    std::vector<std::pair<EdgeId, VertexId>> parents{{at->second.edge, at->second.from}};
    if (auto more = search.more_parents.find(v); more != search.more_parents.end())
      parents.insert(parents.end(), more->second.begin(), more->second.end());
    for (const auto& [e, from] : parents) {
      rev.push_back(e);
      bool done = walk_back(pi, search, start, end, length, from, rev, row);
      rev.pop_back();
      if (done) return true;
    }
    return false;
  }

  // Binds the end node, the relationship(s) and the path of a shortest-path part to `path`
  // (its edges from `start` to `end`) and matches the remaining parts.
  void emit_path(size_t pi, VertexId start, VertexId end, const std::vector<EdgeId>& path,
                 Row& row) {
    const PatternPart& p = *plan.parts[pi].part;
    const RelPat& r = p.rels[0];
    const NodePat& end_pat = p.nodes.back();
    Val saved_end = row[end_pat.slot], saved_rel = row[r.slot];
    row[end_pat.slot] = Val(NodeRef{end});
    VList rels;
    for (const auto& e : path) rels.push_back(Val(RelRef{e}));
    row[r.slot] =
        r.var_length ? Val(std::move(rels)) : (path.empty() ? Val() : Val(RelRef{path[0]}));
    if (p.path_slot >= 0) {
      PathVal pv;
      pv.nodes.push_back(start);
      VertexId cur = start;
      for (const auto& e : path) {
        VertexId s = boost::source(e, ctx.g.store()), t = boost::target(e, ctx.g.store());
        cur = s == cur ? t : s;
        pv.rels.push_back(e);
        pv.nodes.push_back(cur);
      }
      Val saved_path = row[p.path_slot];
      row[p.path_slot] = Val(std::move(pv));
      part(pi + 1, row);
      row[p.path_slot] = std::move(saved_path);
    } else {
      part(pi + 1, row);
    }
    row[end_pat.slot] = std::move(saved_end);
    row[r.slot] = std::move(saved_rel);
  }

  // Bidirectional breadth-first search from `from` (forward) and `to` (backward) for a
  // shortest path of at most `max` relationships. Each round grows the smaller frontier by one
  // whole level, so on a graph of mean degree k a path of length L costs about 2 k^(L/2) visits
  // instead of k^L. Fills `path` (edges from `from` to `to`) and returns whether one exists.
  bool meet_in_middle(VertexId from, VertexId to, const RelPat& r, int64_t max, Row& row,
                      std::vector<EdgeId>& path) {
    struct Reached {
      EdgeId edge;      // the relationship it was reached over
      VertexId parent;  // the node one step nearer this side's end
      int64_t depth;
    };
    using Side = std::unordered_map<VertexId, Reached>;
    Side seen[2];  // 0: from `from`, 1: from `to`
    std::vector<VertexId> frontier[2] = {{from}, {to}};
    seen[0].emplace(from, Reached{EdgeId(), VertexId(), 0});
    seen[1].emplace(to, Reached{EdgeId(), VertexId(), 0});
    int64_t depth[2] = {0, 0};
    std::vector<VertexId> next;
    while (!frontier[0].empty() && !frontier[1].empty() && depth[0] + depth[1] < max) {
      int side = frontier[1].size() < frontier[0].size() ? 1 : 0;
      Side& mine = seen[side];
      const Side& theirs = seen[1 - side];
      next.clear();
      VertexId meet{};
      int64_t best = -1;
      for (VertexId v : frontier[side]) {
        each_edge(v, r, side == 0, [&](const EdgeId& e, VertexId other) {
          ctx.tick();
          if (mine.count(other) || !rel_ok(r, e, row)) return;
          mine.emplace(other, Reached{e, v, depth[side] + 1});
          next.push_back(other);
          auto met = theirs.find(other);
          if (met != theirs.end() && (best < 0 || depth[side] + 1 + met->second.depth < best)) {
            best = depth[side] + 1 + met->second.depth;
            meet = other;
          }
        });
      }
      ++depth[side];
      frontier[side].swap(next);
      if (best < 0) continue;
      // Any shorter path would have met in an earlier level; the best meeting of this one wins.
      path.clear();
      for (VertexId v = meet; v != from;) {
        const Reached& at = seen[0].at(v);
        path.push_back(at.edge);
        v = at.parent;
      }
      std::reverse(path.begin(), path.end());
      for (VertexId v = meet; v != to;) {
        const Reached& at = seen[1].at(v);
        path.push_back(at.edge);
        v = at.parent;
      }
      return true;
    }
    return false;
  }
};

}  // namespace

graph::VertexList anchor_candidates(const graph::Graph& g, const std::string& name) {
  const graph::VertexList& found = g.find(name);
  // Prefer nodes whose name or alias is exactly the one asked for; otherwise accept the
  // index's looser (normalized) matches.
  graph::VertexList exact;
  for (VertexId v : found) {
    const auto& n = g.node(v);
    if (n.name == name || std::find(n.aliases.begin(), n.aliases.end(), name) != n.aliases.end())
      exact.push_back(v);
  }
  return exact.empty() ? found : exact;
}

void match_plan(const MatchPlan& plan, Row& row, Ctx& ctx, FunctionRef<void(Row&)> emit) {
  Matcher m{plan, ctx, emit, {}};
  m.part(0, row);
}

PathVal build_path(const PatternPart& p, const Row& row, Ctx& ctx) {
  PathVal path;
  VertexId cur = row[p.nodes[0].slot].as<NodeRef>().v;
  path.nodes.push_back(cur);
  const auto& s = ctx.g.store();
  for (size_t i = 0; i < p.rels.size(); ++i) {
    const Val& r = row[p.rels[i].slot];
    auto hop = [&](const EdgeId& e) {
      VertexId a = boost::source(e, s), b = boost::target(e, s);
      cur = a == cur ? b : a;
      path.rels.push_back(e);
      path.nodes.push_back(cur);
    };
    if (r.is<RelRef>())
      hop(r.as<RelRef>().e);
    else if (r.is<VList>())
      for (const auto& e : r.as<VList>()) hop(e.as<RelRef>().e);
  }
  return path;
}

}  // namespace kg::query
