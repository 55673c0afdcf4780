// Graph::merge_nodes: two nodes found to be one entity become one, losing nothing.
#include <doctest/doctest.h>

#include "graph/graph.h"

using namespace kg::graph;

namespace {

Evidence evidence(uint32_t document, uint32_t sentence) {
  Evidence ev;
  ev.document = document;
  ev.sentence = sentence;
  return ev;
}

}  // namespace

TEST_CASE("merge_nodes moves names, mentions, documents, relations and evidence") {
  Graph g;
  uint32_t d0 = g.add_document("a.txt"), d1 = g.add_document("b.txt");
  VertexId tony = g.entity("Tony Blair", "Person");
  VertexId blair = g.entity("Blair", "Person");
  VertexId paris = g.entity("Paris", "Place");
  VertexId chirac = g.entity("Jacques Chirac", "Person");
  g.add_alias(blair, "Mr Blair");
  g.add_mention(tony, d0);
  g.add_mention(blair, d1);
  g.add_mention(blair, d1);
  g.set_node_property(blair, "title", Value("prime minister"));
  g.add_fact(tony, paris, "visit", "visited", evidence(d0, 1));
  g.add_fact(blair, paris, "visit", "went to", evidence(d1, 2));  // same triple: evidence joins
  g.add_fact(chirac, blair, "meet", "met", evidence(d1, 3));      // in-edge moves
  g.add_fact(blair, tony, "praise", "praised", evidence(d1, 4));  // would be a loop: dropped

  g.merge_nodes(tony, blair);

  CHECK(g.node_count() == 3);
  const Node& node = g.node(tony);
  CHECK(node.name == "Tony Blair");
  CHECK(node.aliases == std::vector<std::string>{"Blair", "Mr Blair"});
  CHECK(node.mentions == 3);
  CHECK(std::vector<uint32_t>(node.documents.begin(), node.documents.end()) ==
        std::vector<uint32_t>{d0, d1});
  CHECK(g.node_property(tony, "title") == Value("prime minister"));
  CHECK(g.node_property(tony, "merged_from") == Value(List{Value("Blair")}));
  CHECK(g.find("Mr Blair").size() == 1);
  CHECK(g.find("Mr Blair").front() == tony);
  REQUIRE(g.edge_count() == 2);
  for (auto [it, end] = boost::edges(g.store()); it != end; ++it) {
    const Edge& e = g.edge(*it);
    if (g.relation(*it) == "visit") {
      CHECK(boost::source(*it, g.store()) == tony);
      CHECK(e.evidence.size() == 2);
      CHECK(e.surface.size() == 2);
    } else {
      CHECK(g.relation(*it) == "meet");
      CHECK(boost::source(*it, g.store()) == chirac);
      CHECK(boost::target(*it, g.store()) == tony);
    }
  }
  // A second merge appends to the record.
  VertexId tb = g.entity("T. Blair", "Person");
  g.merge_nodes(tony, tb);
  CHECK(g.node_property(tony, "merged_from") == Value(List{Value("Blair"), Value("T. Blair")}));
  // The same name under another type says which type joined.
  VertexId org = g.entity("Tony Blair", "Organization");
  g.merge_nodes(tony, org);
  CHECK(g.node_property(tony, "merged_from") ==
        Value(List{Value("Blair"), Value("T. Blair"), Value("Tony Blair (Organization)")}));
}
