// Counting walks (MATCH <fixed-length pattern> RETURN count(*) answered without rows) give
// the answers of the general matcher, which a WHERE clause forces; and the planner sends the
// right queries down that path.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "query/binder.h"
#include "query/engine.h"
#include "query/parser.h"
#include "query/planner.h"

namespace q = kg::query;
using kg::graph::Graph;

namespace {

// Random nodes n0.. (some with a second label and an alias) and typed relationships, with
// self loops and parallel relationships left in: the cases uniqueness and direction rules
// are about.
Graph walk_graph(size_t nodes, size_t edges, uint64_t seed) {
  Graph g;
  std::mt19937_64 rng(seed);
  std::vector<kg::graph::VertexId> vs;
  for (size_t i = 0; i < nodes; ++i) {
    std::vector<std::string> labels{i % 3 ? "Person" : "Place"};
    if (i % 4 == 0) labels.push_back("Hub");
    vs.push_back(g.add_node(labels, {{"name", kg::graph::Value("n" + std::to_string(i))}}));
    if (i % 5 == 0) g.add_alias(vs.back(), "alias" + std::to_string(i / 5));
  }
  static const char* kTypes[] = {"meet", "visit", "say"};
  for (size_t i = 0; i < edges; ++i)
    g.add_edge(vs[rng() % nodes], vs[rng() % nodes], kTypes[rng() % 3]);
  return g;
}

int64_t count_of(const q::Result& r) {
  REQUIRE(r.rows.size() == 1);
  return r.rows[0].at(0).as<int64_t>();
}

// The operator the planner picks for the statement's first MATCH.
q::MatchOp first_match_op(const char* text) {
  q::Query query = q::parse(text);
  q::bind(query);
  return q::plan_query(query).clauses.at(0).at(0).op;
}

// Whether the planner answers the statement's first MATCH with a counting walk.
bool walks(const char* text) {
  return first_match_op(text) == q::MatchOp::kCountWalk;
}

}  // namespace

TEST_CASE("counting walks agree with the general matcher") {
  Graph g = walk_graph(60, 240, 5);
  const char* patterns[] = {
      "(a {name: $name})-->(b)",
      "(a {name: $name})<--(b)",
      "(a {name: $name})--(b)",
      "(a {name: $name})-->(b)-->(c)",
      "(a {name: $name})-->(b)<--(c)",
      "(a {name: $name})--(b)--(c)",
      "(a {name: $name})-[:meet]->(b)-[:visit|say]->(c)-[:say]->(d)",
      "(a {name: $name})-[:meet|nothing]-(b:Hub)<-[:visit]-(c:Person)",
      "(a:Hub {name: $name})-[r]->(b)",
      "(a:Place {name: $name})-->(b)",
      "(c)-->(b)-->(a {name: $name})-->(d)",
      "(a {name: $name})-[:nothing]->(b)",
      "(a {name: $name})--(b)--(c)--(d)",
      "(a:Hub)-->(b:Person)",
      "(a:Hub)<--(b)",
      "(a)-[:meet]->(b)-[:visit]->(c)",
      "(a)--(b:Hub)--(c)",
  };
  std::vector<std::string> names = {"n0",  "n1",  "n4",     "n7",     "n12",
                                    "n30", "N12", "alias3", "nobody", "n59"};
  int64_t total = 0;
  for (const char* pattern : patterns) {
    std::string fast = std::string("MATCH ") + pattern + " RETURN count(*)";
    std::string slow = std::string("MATCH ") + pattern + " WHERE true RETURN count(*)";
    CAPTURE(fast);
    CHECK(walks(fast.c_str()));
    CHECK_FALSE(walks(slow.c_str()));
    for (const auto& name : names) {
      CAPTURE(name);
      q::Params params{{"name", q::Val(name)}};
      int64_t n = count_of(q::run(g, fast, params));
      CHECK(n == count_of(q::run(g, slow, params)));
      total += n;
    }
  }
  CHECK(total > 1000);  // the patterns matched plenty, not only nothing
}

TEST_CASE("counting walks: count(var), several counts, aliases, ORDER BY, SKIP, LIMIT, WITH") {
  Graph g = walk_graph(40, 160, 9);
  q::Params params{{"name", q::Val("n8")}};
  const char* pairs[][2] = {
      {"MATCH (a {name: $name})-->(b)-->(c) RETURN count(c) AS n, count(*) AS m",
       "MATCH (a {name: $name})-->(b)-->(c) WHERE true RETURN count(c) AS n, count(*) AS m"},
      {"MATCH (a {name: $name})-[r]->(b) RETURN count(r) ORDER BY count(r) SKIP 0 LIMIT 1",
       "MATCH (a {name: $name})-[r]->(b) WHERE true RETURN count(r) ORDER BY count(r) SKIP 0 "
       "LIMIT 1"},
      {"MATCH (a {name: $name})-->(b) WITH count(*) AS n RETURN n + 1",
       "MATCH (a {name: $name})-->(b) WHERE true WITH count(*) AS n RETURN n + 1"},
      {"MATCH (a {name: 'nobody'})-->(b) RETURN count(*)",
       "MATCH (a {name: 'nobody'})-->(b) WHERE true RETURN count(*)"},
      {"MATCH (a {name: $name})-->(b) RETURN count(*) SKIP 1",
       "MATCH (a {name: $name})-->(b) WHERE true RETURN count(*) SKIP 1"},
  };
  for (const auto& [fast, slow] : pairs) {
    CAPTURE(fast);
    CHECK(walks(fast));
    auto a = q::run(g, fast, params), b = q::run(g, slow, params);
    CHECK(a.columns == b.columns);
    CHECK(a.rows == b.rows);
  }
  // Nothing matched still makes one row of zeros.
  CHECK(count_of(q::run(g, "MATCH (a {name: 'nobody'})-->(b) RETURN count(*)")) == 0);
}

TEST_CASE("counting walks skip entities deleted earlier in the same query") {
  const char* deletes[] = {
      "MATCH (x {name: 'n3'}) DETACH DELETE x",
      "MATCH ({name: 'n2'})-[r]->() DELETE r",
  };
  for (const char* del : deletes) {
    for (const char* pattern : {"(a {name: 'n2'})-->(b)-->(c)", "(a)-->(b)<--(c)",
                                "(a {name: 'n2'})-->(b)", "(a:Place)<--(b)"}) {
      std::string prefix = std::string(del) + " WITH count(*) AS gone MATCH " + pattern;
      std::string fast = prefix + " RETURN count(*)", slow = prefix + " WHERE true RETURN count(*)";
      CAPTURE(fast);
      // Each statement runs on a graph of its own: the deletions take effect when it ends.
      Graph g1 = walk_graph(30, 150, 13), g2 = walk_graph(30, 150, 13);
      CHECK(count_of(q::run(g1, fast)) == count_of(q::run(g2, slow)));
    }
  }
}

TEST_CASE("the planner keeps the general matcher for what a walk does not count") {
  const char* general[] = {
      "MATCH (a {name: 'x'})-->(b) WHERE b.name = 'y' RETURN count(*)",
      "OPTIONAL MATCH (a {name: 'x'})-->(b) RETURN count(*)",
      "MATCH (a {name: 'x'})-->(b {name: 'y'}) RETURN count(*)",
      "MATCH (a {name: 'x', id: 1})-->(b) RETURN count(*)",
      "MATCH (a {name: 'x'})-[r {count: 1}]->(b) RETURN count(*)",
      "MATCH (a {name: 'x'})-[*1..2]->(b) RETURN count(*)",
      "MATCH p = (a {name: 'x'})-->(b) RETURN count(*)",
      "MATCH (a {name: 'x'})-->(b)-->(a) RETURN count(*)",
      "MATCH (a {name: 'x'})-->(b), (c) RETURN count(*)",
      "MATCH (a {name: 'x'})-->(b) RETURN b, count(*)",
      "MATCH (a {name: 'x'})-->(b) RETURN count(DISTINCT b)",
      "MATCH (a {name: 'x'})-->(b) RETURN count(b.name)",
      "MATCH (a {name: 'x'})-->(b) RETURN count(*) + 1",
      "MATCH (a {name: 'x'})-->(b) RETURN sum(1)",
      "MATCH (a {name: 'x'})-->(b) RETURN b.name",
      "MATCH (a {name: 'x'})-->(b) WITH count(*) AS n WHERE n > 1 RETURN n",
  };
  for (const char* text : general) {
    CAPTURE(text);
    CHECK_FALSE(walks(text));
  }
}

TEST_CASE("a prepared statement runs like run() and again with other parameters") {
  Graph g = walk_graph(50, 200, 21);
  q::PreparedQuery hop2("MATCH (a {name: $name})-->(b)-->(c) RETURN count(*) AS n");
  CHECK(hop2.columns() == std::vector<std::string>{"n"});
  q::PreparedQuery lookup("MATCH (a {name: $name}) RETURN a.name AS name");
  for (int i = 0; i < 50; i += 7) {
    q::Params params{{"name", q::Val("n" + std::to_string(i))}};
    auto a = hop2.run(g, params),
         b = q::run(g, "MATCH (a {name: $name})-->(b)-->(c) RETURN count(*) AS n", params);
    CHECK(a.columns == b.columns);
    CHECK(a.rows == b.rows);
    auto found = lookup.run(g, params);
    REQUIRE(found.rows.size() == 1);
    CHECK(found.rows[0][0] == q::Val("n" + std::to_string(i)));
  }
  // A copy shares the statement and runs alike.
  q::PreparedQuery copy = lookup;
  CHECK(copy.run(g, {{"name", q::Val("n3")}}).rows == lookup.run(g, {{"name", q::Val("n3")}}).rows);
  // Writes through a prepared statement, run twice, happen twice.
  q::PreparedQuery create("CREATE (:Extra {name: $name})");
  create.run(g, {{"name", q::Val("e1")}});
  create.run(g, {{"name", q::Val("e2")}});
  CHECK(count_of(q::run(g, "MATCH (x:Extra) RETURN count(*)")) == 2);
  // Errors: syntax and semantics when preparing, a missing parameter when running.
  CHECK_THROWS_AS(q::PreparedQuery("MATCH (a RETURN a"), q::QueryError);
  CHECK_THROWS_AS(q::PreparedQuery("RETURN x"), q::QueryError);
  CHECK_THROWS_AS(hop2.run(g), q::QueryError);
}

TEST_CASE("counting walks: self loops and parallel relationships count as the matcher counts") {
  Graph g;
  q::run(g,
         "CREATE (s {name: 's'}), (t {name: 't'}), (s)-[:meet]->(s), (s)-[:meet]->(s), "
         "(s)-[:meet]->(t), (s)-[:say]->(t), (t)-[:visit]->(s), (t)-[:visit]->(t)");
  const char* patterns[] = {
      "(a {name: 's'})-->(b)",
      "(a {name: 's'})<--(b)",
      "(a {name: 's'})-->(b)-->(c)",
      "(a {name: 's'})-->(b)<--(c)",
      "(a {name: 't'})<--(b)<--(c)",
      "(a {name: 's'})-->(b)-->(c)-->(d)",
      "(a {name: 't'})-->(b)--(c)",
      "(a {name: 's'})<--(b)-->(c)<--(d)",
      "(a)-->(b)-->(c)",
      "(a {name: 's'})-[:meet]->(b)-->(c)",
  };
  for (const char* pattern : patterns) {
    std::string fast = std::string("MATCH ") + pattern + " RETURN count(*)";
    std::string slow = std::string("MATCH ") + pattern + " WHERE true RETURN count(*)";
    CAPTURE(fast);
    CHECK(count_of(q::run(g, fast)) == count_of(q::run(g, slow)));
  }
  // s has two self loops: s-->s-->s takes one then the other, never the same one twice.
  CHECK(count_of(q::run(g, "MATCH (a {name: 's'})-[:meet]->(b {name: 's'}) RETURN count(*)")) == 2);
  CHECK(count_of(q::run(g, "MATCH (a {name: 's'})-[:meet]->(b)-[:meet]->(c) RETURN count(*)")) ==
        count_of(q::run(g,
                        "MATCH (a {name: 's'})-[:meet]->(b)-[:meet]->(c) WHERE true "
                        "RETURN count(*)")));
}

TEST_CASE("counting walks and scans count every incoming row's matches, or none without rows") {
  Graph g = walk_graph(40, 160, 17);
  q::Params params{{"name", q::Val("n4")}};
  const char* prefixes[] = {"UNWIND [1, 2, 3] AS x ", "UNWIND [] AS x ", "UNWIND [7] AS x ",
                            "MATCH (x:Hub) WITH x "};
  const char* tails[] = {
      "MATCH (a {name: $name})-->(b)-->(c) RETURN count(*) AS n",
      "MATCH (a:Hub)<--(b) RETURN count(b) AS n",
      "MATCH (n) RETURN labels(n) AS l, count(*) AS n ORDER BY l",
      "MATCH (n:Person) RETURN count(*) AS n",
      "MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS n ORDER BY t",
  };
  for (const char* prefix : prefixes) {
    for (const char* tail : tails) {
      std::string fast = std::string(prefix) + tail;
      std::string slow = fast;
      slow.insert(slow.find(" RETURN"), " WHERE true");
      CAPTURE(fast);
      // The counted MATCH is the clause before the last.
      q::Query query = q::parse(fast);
      q::bind(query);
      size_t counted = query.parts.at(0).clauses.size() - 2;
      CHECK(q::plan_query(query).clauses.at(0).at(counted).op != q::MatchOp::kStream);
      auto a = q::run(g, fast, params), b = q::run(g, slow, params);
      CHECK(a.rows == b.rows);
    }
  }
}

TEST_CASE("the planner picks the counting scan, the walk or the stream for MATCH + projection") {
  CHECK(first_match_op("MATCH (n:Person) RETURN count(*)") == q::MatchOp::kCountScan);
  CHECK(first_match_op("MATCH (n) RETURN labels(n), count(n)") == q::MatchOp::kCountScan);
  CHECK(first_match_op("MATCH ()-[r:meet]->() RETURN type(r), count(*)") == q::MatchOp::kCountScan);
  CHECK(first_match_op("MATCH (a)<-[r]-(b) RETURN count(a)") == q::MatchOp::kCountScan);
  CHECK(first_match_op("MATCH (a)-[r]-(b) RETURN count(*)") == q::MatchOp::kCountWalk);
  CHECK(first_match_op("MATCH (a {name: 'x'}) RETURN count(*)") == q::MatchOp::kCountWalk);
  CHECK(first_match_op("MATCH (n) RETURN n.name, count(*)") == q::MatchOp::kStream);
  CHECK(first_match_op("MATCH (n) RETURN n") == q::MatchOp::kStream);
  CHECK(first_match_op("MATCH (n) WITH n MATCH (n)-->(m) RETURN count(*)") == q::MatchOp::kStream);
  CHECK(first_match_op("MATCH (n) SET n.x = 1") == q::MatchOp::kRows);
  CHECK(first_match_op("MATCH (n) MATCH (m) RETURN count(*)") == q::MatchOp::kRows);
}
