#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "graph/export.h"

namespace kg::graph {

namespace {

size_t degree(const Graph& graph, VertexId v) {
  return boost::out_degree(v, graph.store()) + boost::in_degree(v, graph.store());
}

}  // namespace

void add_edges_between(const Graph& graph, Subgraph& sub) {
  std::unordered_set<VertexId> chosen(sub.nodes.begin(), sub.nodes.end());
  sub.edges.clear();
  for (VertexId v : sub.nodes)
    for (auto [it, end] = boost::out_edges(v, graph.store()); it != end; ++it)
      if (chosen.count(boost::target(*it, graph.store()))) sub.edges.push_back(*it);
}

Subgraph select_subgraph(const Graph& graph, const ExportOptions& options) {
  const Store& store = graph.store();
  Subgraph sub;
  std::unordered_map<VertexId, int> distance;
  if (options.focus.empty()) {
    for (auto [it, end] = boost::vertices(store); it != end; ++it) sub.nodes.push_back(*it);
  } else {
    const auto& found = graph.find(options.focus);
    if (found.empty()) throw GraphError("no entity called \"" + options.focus + "\"");
    std::deque<VertexId> queue;
    for (VertexId v : found) {
      distance.emplace(v, 0);
      queue.push_back(v);
    }
    while (!queue.empty()) {
      VertexId v = queue.front();
      queue.pop_front();
      sub.nodes.push_back(v);
      int d = distance[v];
      if (d >= options.depth) continue;
      auto visit = [&](VertexId w) {
        if (distance.emplace(w, d + 1).second) queue.push_back(w);
      };
      for (auto [it, end] = boost::out_edges(v, store); it != end; ++it)
        visit(boost::target(*it, store));
      for (auto [it, end] = boost::in_edges(v, store); it != end; ++it)
        visit(boost::source(*it, store));
    }
  }
  if (options.max_nodes && sub.nodes.size() > options.max_nodes) {
    // Closest to the focus first, then the best connected; ties by id so output is stable.
    std::stable_sort(sub.nodes.begin(), sub.nodes.end(), [&](VertexId a, VertexId b) {
      int da = distance.count(a) ? distance[a] : 0, db = distance.count(b) ? distance[b] : 0;
      if (da != db) return da < db;
      size_t ga = degree(graph, a), gb = degree(graph, b);
      if (ga != gb) return ga > gb;
      return store[a].id < store[b].id;
    });
    sub.left_out = sub.nodes.size() - options.max_nodes;
    sub.nodes.resize(options.max_nodes);
  }
  std::sort(sub.nodes.begin(), sub.nodes.end(),
            [&](VertexId a, VertexId b) { return store[a].id < store[b].id; });
  add_edges_between(graph, sub);
  return sub;
}

}  // namespace kg::graph
