// Counting scans: `MATCH (n:L) RETURN labels(n), count(*)` and
// `MATCH ()-[r:T]->() RETURN type(r), count(*)` answered by one pass over the store that
// counts per label list or relationship type, without making a row or a Val per match.
// The planner (plan_count.cpp) decides which statements run here.
#include <algorithm>
#include <map>

#include "query/exec.h"

namespace kg::query {

namespace {

using graph::EdgeId;
using graph::VertexId;

// MATCH (n:L...) ... labels(n) ... count(*)
void count_nodes(const NodePat& n, size_t keys, const Row& input, Ctx& ctx,
                 std::vector<CountedGroup>& groups) {
  const auto& s = ctx.g.store();
  // Groups in order of first appearance, as the row-by-row projection makes them.
  std::map<std::vector<std::string>, size_t> index;
  for (auto [it, end] = boost::vertices(s); it != end; ++it) {
    ctx.tick();
    VertexId v = *it;
    if (ctx.node_deleted(v)) continue;
    const graph::Node& node = s[v];
    if (!has_labels(node, n.labels)) continue;
    size_t group = 0;
    if (keys > 0) {
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
    g.keys.assign(keys, Val(labels));
    groups.push_back(std::move(g));
  }
}

// MATCH ()-[r:T...]->() ... type(r) ... count(*)
void count_relationships(const PatternPart& p, size_t keys, const Row& input, Ctx& ctx,
                         std::vector<CountedGroup>& groups) {
  const auto& s = ctx.g.store();
  const RelPat& r = p.rels[0];
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
    size_t& group = keys == 0 ? group_of[0] : group_of[type];
    if (group != SIZE_MAX) {
      ++groups[group].count;
      continue;
    }
    group = groups.size();
    CountedGroup g{input, {}, 1};
    g.first[p.nodes[0].slot] = Val(NodeRef{from});
    g.first[r.slot] = Val(RelRef{e});
    g.first[p.nodes[1].slot] = Val(NodeRef{to});
    g.keys.assign(keys, Val(std::string(ctx.g.str(type))));
    groups.push_back(std::move(g));
  }
}

}  // namespace

void count_by_scan(const PatternPart& p, size_t keys, const Row& input, Ctx& ctx,
                   std::vector<CountedGroup>& groups) {
  if (p.rels.empty())
    count_nodes(p.nodes[0], keys, input, ctx, groups);
  else
    count_relationships(p, keys, input, ctx, groups);
}

}  // namespace kg::query
