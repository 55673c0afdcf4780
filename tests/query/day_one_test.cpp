// What Cypher users type on day one (issue 22): RE2 regular expressions, EXPLAIN, PROFILE,
// procedures (CALL db.labels() ...) and fuzzy name search (kg.search).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "query/engine.h"
#include "query/procedure/registry.h"
#include "query/search.h"

namespace q = kg::query;
using kg::graph::Graph;

namespace {

Graph news_graph() {
  Graph g;
  q::run(g,
         "CREATE (g:Person {name: 'António Guterres', aliases: ['Guterres']}),"
         " (b:Person {name: 'Tony Blair'}), (k:Place {name: 'Kiev', aliases: ['Kyiv']}),"
         " (u:Organization {name: 'United Nations', aliases: ['UN']}),"
         " (g)-[:secretary_general_of {since: 2017}]->(u), (b)-[:visit]->(k)");
  return g;
}

std::vector<std::string> column(Graph& g, const std::string& query, size_t col = 0) {
  std::vector<std::string> out;
  for (const auto& row : q::run(g, query).rows) out.push_back(q::render(row.at(col), g, false));
  return out;
}

}  // namespace

TEST_CASE("regular expressions: Java-style inline flags, errors that say where") {
  Graph g = news_graph();
  CHECK(column(g, "MATCH (p:Person) WHERE p.name =~ '(?i).*blair.*' RETURN p.name") ==
        std::vector<std::string>{"Tony Blair"});
  CHECK(column(g, "MATCH (p:Person) WHERE p.name =~ '.*blair.*' RETURN p.name").empty());
  CHECK(column(g, "RETURN 'a\\nb' =~ '(?s)a.b', 'a\\nb' =~ 'a.b', 'ab' =~ 'a'") ==
        std::vector<std::string>{"true"});
  CHECK(column(g, "RETURN 'ab' =~ 'a', 1", 0) == std::vector<std::string>{"false"});
  // The same pattern from a parameter, on many rows (compiled once).
  auto r =
      q::run(g, "UNWIND range(1, 1000) AS i RETURN count(CASE WHEN toString(i) =~ $re THEN 1 END)",
             {{"re", q::Val("1.*")}});
  CHECK(q::render(r.rows.at(0).at(0), g) == "112");
  try {
    q::run(g, "MATCH (p)\nWHERE p.name =~ 'a(b'\nRETURN p");
    FAIL("a bad regular expression must fail");
  } catch (const q::QueryError& e) {
    CHECK(e.type == "ArgumentError");
    CHECK(e.line == 2);
    CHECK(e.column == 17);
    CHECK(std::string(e.what()).find("column 17") != std::string::npos);
  }
}

TEST_CASE("regular expressions take linear time and any length") {
  Graph g;
  auto start = std::chrono::steady_clock::now();
  auto r = q::run(g, "RETURN $s =~ '(a+)+b'", {{"s", q::Val(std::string(10000, 'a'))}});
  CHECK(q::render(r.rows.at(0).at(0), g) == "false");
  // Figures belong to benchmarks; this bound only catches exponential backtracking.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  std::string big(30000, 'x');
  r = q::run(g, "RETURN $s =~ '.*', $s =~ 'x*y'", {{"s", q::Val(big)}});
  CHECK(q::render(r.rows.at(0).at(0), g) == "true");
  CHECK(q::render(r.rows.at(0).at(1), g) == "false");
}

TEST_CASE("EXPLAIN shows the plan without running it") {
  Graph g = news_graph();
  q::Result r = q::run(g,
                       "EXPLAIN MATCH (p:Person {name: 'Tony Blair'})-[:visit]->(c) CREATE (:X) "
                       "RETURN c.name");
  CHECK(r.columns == std::vector<std::string>{"id", "operator", "details"});
  REQUIRE(r.rows.size() == 3);
  CHECK(q::render(r.rows[0][1], g, false) == "Match");
  CHECK(q::render(r.rows[0][2], g, false).find("(p:Person) by name index, 1 hop") == 0);
  CHECK(q::render(r.rows[1][1], g, false) == "Create");
  CHECK(q::render(r.rows[2][1], g, false) == "Return");
  CHECK(column(g, "MATCH (x:X) RETURN count(x)") == std::vector<std::string>{"0"});  // not run
  q::PreparedQuery prepared("explain MATCH (n) RETURN count(n)");
  CHECK(prepared.columns().size() == 3);
  CHECK(q::format_result(r, g, q::Format::kJson).find("\"operator\"") != std::string::npos);
}

TEST_CASE("PROFILE runs the statement and counts rows per operator") {
  Graph g = news_graph();
  q::Result r = q::run(g, "PROFILE UNWIND [1, 2, 3, 4] AS x WITH x WHERE x > 2 RETURN x");
  CHECK(r.columns == std::vector<std::string>{"id", "operator", "details", "rows", "time_ms"});
  REQUIRE(r.rows.size() == 3);
  CHECK(q::render(r.rows[0][3], g) == "4");  // UNWIND
  CHECK(q::render(r.rows[1][3], g) == "2");  // WITH ... WHERE
  CHECK(q::render(r.rows[2][3], g) == "2");  // RETURN
  CHECK(r.rows[2][4].is<double>());
  // A MATCH and the projection it feeds are one operator.
  r = q::run(g, "PROFILE MATCH (n:Person) RETURN n.name ORDER BY n.name");
  REQUIRE(r.rows.size() == 1);
  CHECK(q::render(r.rows[0][1], g, false) == "Match+Project");
  CHECK(q::render(r.rows[0][3], g) == "2");
  // Updates happen, and are counted.
  r = q::run(g, "PROFILE CREATE (:Y)");
  CHECK(r.stats.nodes_created == 1);
}

TEST_CASE("CALL db.labels() and the other db procedures") {
  Graph g = news_graph();
  CHECK(column(g, "CALL db.labels()") ==
        std::vector<std::string>{"Organization", "Person", "Place"});
  CHECK(column(g, "CALL db.labels() YIELD label WHERE label STARTS WITH 'P' RETURN label") ==
        std::vector<std::string>{"Person", "Place"});
  CHECK(column(g, "CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t") ==
        std::vector<std::string>{"secretary_general_of", "visit"});
  auto keys = column(g, "CALL db.propertyKeys()");
  CHECK(std::find(keys.begin(), keys.end(), "since") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "name") != keys.end());
  CHECK(column(g, "MATCH (n:Person) CALL db.labels() YIELD label RETURN count(*)") ==
        std::vector<std::string>{"6"});
  auto schema = q::run(g, "CALL db.schema.visualization()");
  CHECK(schema.columns == std::vector<std::string>{"nodes", "relationships"});
  CHECK(q::render(schema.rows.at(0).at(1), g).find("type: 'visit'") != std::string::npos);
  CHECK_THROWS_AS(q::run(g, "CALL db.nothing()"), q::QueryError);
  CHECK_THROWS_AS(q::run(g, "CALL db.labels(1)"), q::QueryError);
}

TEST_CASE("registered procedures are found by statements compiled after") {
  Graph g;
  q::Procedure p;
  p.name = "test.twice";
  p.inputs = {{"x", "INTEGER"}};
  p.outputs = {{"y", "INTEGER"}};
  p.min_args = 1;
  p.body = [](const q::Procedure&, const std::vector<q::Val>& args, q::Ctx&,
              std::vector<std::vector<q::Val>>& out) {
    out.push_back({q::Val(args[0].as<int64_t>() * 2)});
  };
  CHECK_THROWS_AS(q::run(g, "CALL test.twice(21)"), q::QueryError);
  q::register_procedure(p);
  CHECK(column(g, "CALL test.twice(21)") == std::vector<std::string>{"42"});
  q::unregister_procedures();
  CHECK_THROWS_AS(q::run(g, "CALL test.twice(21)"), q::QueryError);
}

TEST_CASE("kg.search finds names despite case, accents and typos") {
  Graph g = news_graph();
  auto top = [&](const std::string& text) {
    auto r = q::run(g, "CALL kg.search($t) YIELD node, score RETURN node.name, score LIMIT 1",
                    {{"t", q::Val(text)}});
    return r.rows.empty() ? std::string() : q::render(r.rows[0][0], g, false);
  };
  CHECK(top("antonio guteres") == "António Guterres");
  CHECK(top("ANTONIO GUTERRES") == "António Guterres");
  CHECK(top("guterez") == "António Guterres");
  CHECK(top("kyiv") == "Kiev");
  CHECK(top("Kyev") == "Kiev");
  CHECK(top("tony blare") == "Tony Blair");
  CHECK(top("zzzzzz").empty());
  auto exact = q::run(g, "CALL kg.search('Tony Blair', 5) YIELD score RETURN score");
  CHECK(q::render(exact.rows.at(0).at(0), g) == "1.0");
  // The index follows changes of names.
  q::run(g, "CREATE (:Person {name: 'Volodymyr Zelenskyy'})");
  CHECK(top("zelensky") == "Volodymyr Zelenskyy");
  CHECK(q::fold_name("  Antónió  GUTERRES.") == "antonio guterres");
}

TEST_CASE("EXISTS { ... } subqueries see the outer row") {
  Graph g = news_graph();
  CHECK(column(g, "MATCH (n) WHERE EXISTS { (n)-[:visit]->(:Place) } RETURN n.name") ==
        std::vector<std::string>{"Tony Blair"});
  CHECK(column(g,
               "MATCH (n:Person) WHERE EXISTS { MATCH (n)-->(m) WITH n, count(*) AS c "
               "WHERE c = 1 RETURN c } RETURN n.name ORDER BY n.name") ==
        std::vector<std::string>{"António Guterres", "Tony Blair"});
  CHECK(column(g,
               "MATCH (n:Person) WHERE NOT EXISTS { MATCH (n)-->(m) WITH m UNWIND [1] AS x "
               "RETURN x } RETURN n.name")
            .empty());
  CHECK_THROWS_AS(q::run(g, "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) SET m.x = 1 } RETURN n"),
                  q::QueryError);
}
