// The hand-written Boost.Graph traversals the query benchmarks hold kg's engine against: the
// floor for the same work, shared by bench_peers (generated graphs) and bench_graph_queries
// (graphs built from text).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg::bench {

// The nodes called exactly `name` (the name index also answers aliases and other spellings).
inline std::vector<graph::VertexId> exactly_named(const graph::Graph& g, const std::string& name) {
  std::vector<graph::VertexId> out;
  for (graph::VertexId v : g.find(name))
    if (g.node(v).name == name) out.push_back(v);
  return out;
}

// MATCH (a {name: $name})-->() RETURN count(*)
inline int64_t out_degree_by_hand(const graph::Graph& g, const std::string& name) {
  int64_t n = 0;
  for (graph::VertexId a : exactly_named(g, name)) n += int64_t(boost::out_degree(a, g.store()));
  return n;
}

// a->b->c over two different relationships (openCypher never reuses one within a pattern).
// The last hop is counted from b's out-degree, as kg's counting walk does (and as the 1-hop
// count above does), so that both sides do the same work: a->b lies in b's own out-list only
// when it is a self loop (b == a), and is then taken off.
inline int64_t two_hop_by_hand(const graph::Graph& g, const std::string& name) {
  const auto& s = g.store();
  int64_t n = 0;
  for (graph::VertexId a : exactly_named(g, name))
    for (auto [i, iend] = boost::out_edges(a, s); i != iend; ++i) {
      graph::VertexId b = boost::target(*i, s);
      n += int64_t(boost::out_degree(b, s)) - (b == a ? 1 : 0);
    }
  return n;
}

// a-[t0]->b-[t1]->c-[t2]->d; the three types differ, so no relationship can repeat.
inline int64_t typed_path_by_hand(const graph::Graph& g, const std::string& name,
                                  const std::array<uint32_t, 3>& types) {
  const auto& s = g.store();
  int64_t n = 0;
  for (graph::VertexId a : exactly_named(g, name))
    for (auto [i, iend] = boost::out_edges(a, s); i != iend; ++i) {
      if (s[*i].relation != types[0]) continue;
      for (auto [j, jend] = boost::out_edges(boost::target(*i, s), s); j != jend; ++j) {
        if (s[*j].relation != types[1]) continue;
        for (auto [k, kend] = boost::out_edges(boost::target(*j, s), s); k != kend; ++k)
          n += s[*k].relation == types[2];
      }
    }
  return n;
}

}  // namespace kg::bench
