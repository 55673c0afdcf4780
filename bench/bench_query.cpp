// Query engine benchmark: an anchored 2-hop neighbourhood and a shortest path on a random graph,
// through kg's engine and through a hand-written Boost.Graph traversal doing the same work.
// Usage: bench_query [NODES] [EDGES] [QUERIES] [2hop]   (defaults 1000000 5000000 200;
// "2hop" skips the shortest-path part)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "graph/graph.h"
#include "query/engine.h"

namespace q = kg::query;
using kg::graph::EdgeId;
using kg::graph::Graph;
using kg::graph::VertexId;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::string node_name(size_t i) {
  std::string s = "n";
  s += std::to_string(i);
  return s;
}

// 2-hop paths a->b->c over distinct relationships, and the distinct ends.
std::pair<int64_t, int64_t> two_hop_by_hand(const Graph& g, const std::string& name) {
  const auto& s = g.store();
  int64_t paths = 0;
  std::unordered_set<VertexId> ends;
  for (VertexId a : g.find(name)) {
    if (g.node(a).name != name) continue;
    for (auto [i, iend] = boost::out_edges(a, s); i != iend; ++i) {
      VertexId b = boost::target(*i, s);
      for (auto [j, jend] = boost::out_edges(b, s); j != jend; ++j) {
        if (*j == *i) continue;
        ++paths;
        ends.insert(boost::target(*j, s));
      }
    }
  }
  return {paths, int64_t(ends.size())};
}

// Length of the shortest directed path, -1 when there is none within max_hops.
int64_t shortest_by_hand(const Graph& g, VertexId from, VertexId to, int64_t max_hops) {
  const auto& s = g.store();
  if (from == to) return -1;
  std::unordered_map<VertexId, int64_t> depth{{from, 0}};
  std::deque<VertexId> queue{from};
  while (!queue.empty()) {
    VertexId v = queue.front();
    queue.pop_front();
    int64_t d = depth[v];
    if (d >= max_hops) continue;
    for (auto [i, end] = boost::out_edges(v, s); i != end; ++i) {
      VertexId w = boost::target(*i, s);
      if (depth.emplace(w, d + 1).second) {
        if (w == to) return d + 1;
        queue.push_back(w);
      }
    }
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  size_t nodes = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  size_t edges = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 5000000;
  int queries = argc > 3 ? std::atoi(argv[3]) : 200;
  if (nodes < 2 || queries < 1) {
    std::cerr << "usage: bench_query [NODES >= 2] [EDGES] [QUERIES >= 1]\n";
    return 2;
  }
  std::mt19937_64 rng(42);
  auto t0 = std::chrono::steady_clock::now();
  Graph g;
  std::vector<VertexId> vs;
  vs.reserve(nodes);
  static const char* kLabels[] = {"Person", "Place", "Organization", "Other"};
  static const char* kTypes[] = {"meet", "visit", "member_of", "say"};
  for (size_t i = 0; i < nodes; ++i)
    vs.push_back(g.add_node({kLabels[i % 4]}, {{"name", kg::graph::Value(node_name(i))}}));
  std::uniform_int_distribution<size_t> pick(0, nodes - 1);
  for (size_t i = 0; i < edges; ++i) g.add_edge(vs[pick(rng)], vs[pick(rng)], kTypes[i % 4]);
  std::printf("graph: %zu nodes, %zu relationships, built in %.1f s\n", g.node_count(),
              g.edge_count(), seconds_since(t0));

  // 1. Anchored 2-hop neighbourhood.
  std::vector<std::string> anchors;
  for (int i = 0; i < queries; ++i) anchors.push_back(node_name(pick(rng)));
  const char* two_hop =
      "MATCH (a {name: $name})-->(b)-->(c) RETURN count(*) AS paths, count(DISTINCT c) AS ends";
  // Engine and hand-written code run alternately, each going first every other query, so that
  // neither profits more from caches the other warmed.
  int64_t engine_total = 0, hand_total = 0;
  bool agree = true;
  double engine_2hop = 0, hand_2hop = 0;
  for (size_t i = 0; i < anchors.size(); ++i) {
    std::pair<int64_t, int64_t> by_engine, by_hand;
    auto run_engine = [&] {
      auto t = std::chrono::steady_clock::now();
      q::Result r = q::run(g, two_hop, {{"name", q::Val(anchors[i])}});
      by_engine = {r.rows[0][0].as<int64_t>(), r.rows[0][1].as<int64_t>()};
      engine_2hop += seconds_since(t);
    };
    auto run_hand = [&] {
      auto t = std::chrono::steady_clock::now();
      by_hand = two_hop_by_hand(g, anchors[i]);
      hand_2hop += seconds_since(t);
    };
    if (i % 2) run_engine(), run_hand();
    else run_hand(), run_engine();
    engine_total += by_engine.first;
    hand_total += by_hand.first;
    if (by_engine != by_hand) agree = false;
  }
  std::printf("2-hop x%d: engine %.3f ms/query, hand-written %.3f ms/query, ratio %.2f, "
              "paths %lld, results %s\n",
              queries, 1000 * engine_2hop / queries, 1000 * hand_2hop / queries,
              engine_2hop / std::max(hand_2hop, 1e-9), static_cast<long long>(engine_total),
              agree && engine_total == hand_total ? "agree" : "DISAGREE");
  bool all_agree = agree && engine_total == hand_total;
  if (argc > 4 && std::string(argv[4]) == "2hop") return all_agree ? 0 : 1;

  // 2. Shortest directed path between two named nodes.
  const char* shortest =
      "MATCH p = shortestPath((a {name: $from})-[*..10]->(b {name: $to})) RETURN length(p) AS hops";
  std::vector<std::pair<size_t, size_t>> pairs;
  for (int i = 0; i < queries; ++i) pairs.push_back({pick(rng), pick(rng)});
  double engine_sp = 0, hand_sp = 0;
  agree = true;
  int found = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    auto [a, b] = pairs[i];
    int64_t by_engine = -1, by_hand = -1;
    auto run_engine = [&] {
      auto t = std::chrono::steady_clock::now();
      q::Result r = q::run(g, shortest, {{"from", q::Val(node_name(a))}, {"to", q::Val(node_name(b))}});
      by_engine = r.rows.empty() ? -1 : r.rows[0][0].as<int64_t>();
      engine_sp += seconds_since(t);
    };
    auto run_hand = [&] {
      auto t = std::chrono::steady_clock::now();
      by_hand = shortest_by_hand(g, vs[a], vs[b], 10);
      hand_sp += seconds_since(t);
    };
    if (i % 2) run_engine(), run_hand();
    else run_hand(), run_engine();
    if (by_engine != by_hand) agree = false;
    found += by_engine >= 0;
  }
  std::printf("(%d of %d pairs connected within 10 hops)\n", found, queries);
  std::printf("shortestPath x%d: engine %.3f ms/query, hand-written %.3f ms/query, ratio %.2f, "
              "results %s\n",
              queries, 1000 * engine_sp / queries, 1000 * hand_sp / queries,
              engine_sp / std::max(hand_sp, 1e-9), agree ? "agree" : "DISAGREE");
  return all_agree && agree ? 0 : 1;
}
