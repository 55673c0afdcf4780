// Importing a TSV file again must not change the graph (found by fuzz_import_tsv).
#include "graph/import_tsv.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace kg::graph;

namespace {

// Everything an import can change, in a form two graphs can be compared by.
std::vector<std::string> snapshot(const Graph& g) {
  std::vector<std::string> out;
  for (auto [it, end] = boost::vertices(g.store()); it != end; ++it) {
    const Node& n = g.node(*it);
    std::string line = std::to_string(n.id) + " " + std::string(g.type(*it)) + " " + n.name;
    for (const auto& alias : n.aliases) line += "|" + alias;
    line += " mentions=" + std::to_string(n.mentions);
    out.push_back(line);
  }
  for (auto [it, end] = boost::edges(g.store()); it != end; ++it)
    out.push_back(std::to_string(g.node(boost::source(*it, g.store())).id) + " -" +
                  std::string(g.relation(*it)) + "-> " +
                  std::to_string(g.node(boost::target(*it, g.store())).id) +
                  " evidence=" + std::to_string(g.edge(*it).evidence.size()));
  return out;
}

}  // namespace

TEST_CASE("TSV import: a file with alias lines imported twice adds nothing the second time") {
  // The fuzzer's input: the alias line after "U a ORG" gives U the name ORG too, so a second
  // import resolved ORG to U (an untyped node is preferred) and added the loop U -a-> U.
  Graph g;
  VertexId seed = g.entity("Seed", kPerson);
  g.add_alias(seed, "S");
  const std::string text = "s\talias\tORG\nU\ta\tORG\nU\talias\tORG";
  import_tsv(g, text, "fuzz.tsv");
  CHECK(g.edge_count() == 1);
  std::vector<std::string> before = snapshot(g);
  auto counts = import_tsv(g, text, "fuzz.tsv");
  CHECK(snapshot(g) == before);
  CHECK(counts.facts == 0);
  CHECK(counts.aliases == 0);
}

TEST_CASE("TSV import: a node retyped by a later line does not redirect an earlier one") {
  // "a" names the Person Pat (an alias) and an untyped node. The first line resolves "a" to the
  // untyped node; the second line makes that node a Place, so resolving the first line again
  // would pick Pat instead.
  Graph g;
  VertexId pat = g.entity("Pat", kPerson);
  g.add_alias(pat, "a");
  g.add_node({std::string(kOther)}, {{"name", Value("a")}});
  const std::string text = "a\tr\tb\na\tr\tc\tplace\n";
  import_tsv(g, text, "t.tsv");
  CHECK(g.edge_count() == 2);
  std::vector<std::string> before = snapshot(g);
  import_tsv(g, text, "t.tsv");
  CHECK(snapshot(g) == before);
}

TEST_CASE("TSV import: importing a document again adds its new lines only") {
  Graph g;
  import_tsv(g, "Ann\tmeet\tBob\tperson\tperson\n", "t.tsv");
  auto counts =
      import_tsv(g, "Ann\tmeet\tBob\tperson\tperson\nBob\tvisit\tParis\tperson\tplace\n", "t.tsv");
  CHECK(counts.facts == 1);
  CHECK(g.edge_count() == 2);
  REQUIRE(g.find("Ann").size() == 1);
  CHECK(g.node(g.find("Ann").front()).mentions == 1);
  // The same line from another document is more evidence for the same relation.
  import_tsv(g, "Ann\tmeet\tBob\tperson\tperson\n", "u.tsv");
  CHECK(g.edge_count() == 2);
}
