// The engine's fast paths give the answers of the general ones: bidirectional shortest paths
// against the one-sided breadth-first search allShortestPaths still uses, and counting scans
// against the row-by-row aggregation a WHERE clause forces.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "query/engine.h"

namespace q = kg::query;
using kg::graph::Graph;

namespace {

// A random graph: `nodes` nodes n0.. with one of two labels, `edges` typed relationships.
Graph random_graph(size_t nodes, size_t edges, uint64_t seed) {
  Graph g;
  std::mt19937_64 rng(seed);
  std::vector<kg::graph::VertexId> vs;
  for (size_t i = 0; i < nodes; ++i)
    vs.push_back(g.add_node({i % 3 ? "Person" : "Place"},
                            {{"name", kg::graph::Value("n" + std::to_string(i))}}));
  static const char* kTypes[] = {"meet", "visit", "say"};
  for (size_t i = 0; i < edges; ++i)
    g.add_edge(vs[rng() % nodes], vs[rng() % nodes], kTypes[rng() % 3]);
  return g;
}

// The first column of every row, as integers.
std::vector<int64_t> ints(const q::Result& r) {
  std::vector<int64_t> out;
  for (const auto& row : r.rows) out.push_back(row.at(0).as<int64_t>());
  return out;
}

}  // namespace

TEST_CASE("shortestPath between two named nodes is as short as the one-sided search finds") {
  Graph g = random_graph(300, 600, 7);
  std::mt19937_64 rng(11);
  size_t found = 0;
  for (int i = 0; i < 200; ++i) {
    q::Params p{{"a", q::Val("n" + std::to_string(rng() % 300))},
                {"b", q::Val("n" + std::to_string(rng() % 300))}};
    for (const char* rel : {"-[*..6]->", "-[*..6]-", "<-[:meet|say*..8]-"}) {
      std::string pattern = std::string("(a {name: $a})") + rel + "(b {name: $b})";
      auto one = q::run(g, "MATCH p = shortestPath(" + pattern + ") RETURN length(p), nodes(p)", p);
      auto all = q::run(g, "MATCH p = allShortestPaths(" + pattern + ") RETURN length(p)", p);
      CHECK(one.rows.size() == std::min<size_t>(all.rows.size(), 1));
      if (one.rows.empty() || all.rows.empty()) continue;
      ++found;
      CHECK(ints(one)[0] == ints(all)[0]);
      // The path really joins the two nodes.
      const auto& nodes = one.rows[0][1].as<q::VList>();
      CHECK(nodes.front() == q::run(g, "MATCH (a {name: $a}) RETURN a", p).rows[0][0]);
      CHECK(nodes.back() == q::run(g, "MATCH (b {name: $b}) RETURN b", p).rows[0][0]);
    }
  }
  CHECK(found > 100);  // the comparison saw many real paths, not only empty answers
}

TEST_CASE("counting scans agree with row-by-row aggregation") {
  Graph g = random_graph(200, 500, 3);
  q::run(g, "CREATE (:Person:Place {name: 'both'})-[:visit]->(:Other)");
  const char* pairs[][2] = {
      {"MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n",
       "MATCH ()-[r]->() WHERE true RETURN type(r) AS t, count(*) AS n"},
      {"MATCH ()<-[r:meet|say]-() RETURN type(r), count(r) ORDER BY type(r) DESC",
       "MATCH ()<-[r:meet|say]-() WHERE true RETURN type(r), count(r) ORDER BY type(r) DESC"},
      {"MATCH ()-[r]->() RETURN count(*)", "MATCH ()-[r]->() WHERE true RETURN count(*)"},
      {"MATCH (n) RETURN labels(n) AS l, count(*) AS c ORDER BY c",
       "MATCH (n) WHERE true RETURN labels(n) AS l, count(*) AS c ORDER BY c"},
      {"MATCH (n:Place) RETURN count(n)", "MATCH (n:Place) WHERE true RETURN count(n)"},
      {"MATCH (n:Nothing) RETURN count(*)", "MATCH (n:Nothing) WHERE true RETURN count(*)"},
      {"MATCH (n:Nothing) RETURN labels(n), count(*)",
       "MATCH (n:Nothing) WHERE true RETURN labels(n), count(*)"},
  };
  for (const auto& [fast, slow] : pairs) {
    CAPTURE(fast);
    auto a = q::run(g, fast), b = q::run(g, slow);
    // Without ORDER BY the order of the rows is open: compare them as bags.
    if (std::string(fast).find("ORDER BY") == std::string::npos) {
      std::sort(a.rows.begin(), a.rows.end(), q::RowLess());
      std::sort(b.rows.begin(), b.rows.end(), q::RowLess());
    }
    CHECK(a.columns.size() == b.columns.size());
    CHECK(a.rows == b.rows);
  }
  // The counts are the graph's: 501 relationships (500 random and one created).
  CHECK(ints(q::run(g, "MATCH ()-[r]->() RETURN count(*)")) == std::vector<int64_t>{501});
}
