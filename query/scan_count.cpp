// Counting scans: `MATCH (n:L) RETURN labels(n), count(*)` and
// `MATCH ()-[r:T]->() RETURN type(r), count(*)` answered by one pass over the store that
// counts per label list or relationship type, without making a row or a Val per match.
#include <algorithm>
#include <map>

#include "query/binder.h"
#include "query/exec.h"

namespace kg::query {

namespace {

using graph::EdgeId;
using graph::VertexId;

bool is_var(const Expr& e, int slot) { return e.kind == Ex::kVar && e.slot == slot; }

// A call `fn(var)` on the scanned variable.
bool is_call_on(const Expr& e, const char* fn, int slot) {
  return e.kind == Ex::kCall && e.op == fn && !e.distinct && e.kids.size() == 1 && e.kids[0] &&
         is_var(*e.kids[0], slot);
}

// count(*) or count(var) of the scanned (never null) variable: both count the matches.
bool counts_matches(const Expr& agg, int slot) {
  return agg.kind == Ex::kCountStar || is_call_on(agg, "count", slot);
}

bool has_labels(const graph::Node& n, const std::vector<std::string>& wanted) {
  for (const auto& l : wanted)
    if (std::find(n.labels.begin(), n.labels.end(), l) == n.labels.end()) return false;
  return true;
}

// A pattern node that matches any node without looking at the row.
bool free_node(const NodePat& n) { return !n.bound && !n.props; }

}  // namespace

bool count_by_scan(const Clause& match, const Projection& proj, const ProjectionPlan& plan,
                   const std::vector<size_t>& key_items, const Row& input, Ctx& ctx,
                   std::vector<CountedGroup>& groups) {
  if (match.kind != Cl::kMatch || match.optional || match.where || match.patterns.size() != 1 ||
      !plan.aggregating)
    return false;
  const PatternPart& p = match.patterns[0];
  if (p.shortest != Shortest::kNone || p.path_slot >= 0) return false;
  const auto& s = ctx.g.store();

  if (p.rels.empty()) {
    // MATCH (n:L...) ... labels(n) ... count(*)
    const NodePat& n = p.nodes[0];
    if (!free_node(n)) return false;
    for (const Expr* agg : plan.aggregates)
      if (!counts_matches(*agg, n.slot)) return false;
    for (size_t i : key_items)
      if (!is_call_on(*proj.items[i].expr, "labels", n.slot)) return false;
    // Groups in order of first appearance, as the row-by-row projection makes them.
    std::map<std::vector<std::string>, size_t> index;
    for (auto [it, end] = boost::vertices(s); it != end; ++it) {
      ctx.tick();
      VertexId v = *it;
      if (ctx.node_deleted(v)) continue;
      const graph::Node& node = s[v];
      if (!has_labels(node, n.labels)) continue;
      size_t group = 0;
      if (!key_items.empty()) {
        auto [at, added] = index.emplace(node.labels, groups.size());
        group = at->second;
        if (!added) {
          ++groups[group].count;
          continue;
        }
      } else if (!groups.empty()) {
        ++groups[0].count;
        continue;
      }
      CountedGroup g{input, {}, 1};
      g.first[n.slot] = Val(NodeRef{v});
      VList labels;
      for (const auto& l : node.labels) labels.push_back(Val(l));
      for (size_t k = 0; k < key_items.size(); ++k) g.keys.push_back(Val(labels));
      groups.push_back(std::move(g));
    }
    return true;
  }

  // MATCH ()-[r:T...]->() ... type(r) ... count(*)
  if (p.rels.size() != 1) return false;
  const RelPat& r = p.rels[0];
  if (r.bound || r.props || r.var_length || r.dir == Dir::kBoth) return false;
  if (!free_node(p.nodes[0]) || !free_node(p.nodes[1]) || !p.nodes[0].labels.empty() ||
      !p.nodes[1].labels.empty() || p.nodes[0].slot == p.nodes[1].slot)
    return false;
  for (const Expr* agg : plan.aggregates)
    if (!counts_matches(*agg, r.slot)) return false;
  for (size_t i : key_items)
    if (!is_call_on(*proj.items[i].expr, "type", r.slot)) return false;
  std::vector<bool> type_ok(ctx.g.strings().size(), r.types.empty());
  for (const auto& t : r.types)
    for (size_t id = 0; id < type_ok.size(); ++id)
      if (ctx.g.strings()[id] == t) type_ok[id] = true;
  // One walk down the store's relationship list, as a hand-written count would do; the groups
  // come in the order of that list (openCypher leaves the order of unsorted rows open).
  bool out = r.dir == Dir::kRight;
  std::vector<size_t> group_of(std::max<size_t>(type_ok.size(), 1), SIZE_MAX);
  for (auto [it, end] = boost::edges(s); it != end; ++it) {
    ctx.tick();
    const EdgeId& e = *it;
    uint32_t type = s[e].relation;
    if (!type_ok[type] || ctx.edge_deleted(e)) continue;
    VertexId from = boost::source(e, s), to = boost::target(e, s);
    if (!out) std::swap(from, to);
    if (ctx.node_deleted(from) || ctx.node_deleted(to)) continue;
    size_t& group = key_items.empty() ? group_of[0] : group_of[type];
    if (group != SIZE_MAX) {
      ++groups[group].count;
      continue;
    }
    group = groups.size();
    CountedGroup g{input, {}, 1};
    g.first[p.nodes[0].slot] = Val(NodeRef{from});
    g.first[r.slot] = Val(RelRef{e});
    g.first[p.nodes[1].slot] = Val(NodeRef{to});
    for (size_t k = 0; k < key_items.size(); ++k)
      g.keys.push_back(Val(std::string(ctx.g.str(type))));
    groups.push_back(std::move(g));
  }
  return true;
}

}  // namespace kg::query
