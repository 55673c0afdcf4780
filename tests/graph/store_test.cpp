#include <doctest/doctest.h>

#include <set>

#include "graph/graph.h"

using namespace kg::graph;

TEST_CASE("normalize_name folds case, periods, spaces and a leading 'the'") {
  struct Case {
    const char* input;
    const char* key;
  };
  const Case cases[] = {
      {"Antonio Guterres", "antonio guterres"},
      {"  Antonio   Guterres ", "antonio guterres"},
      {"U.N.", "un"},
      {"the United Nations", "united nations"},
      {"The Hague", "hague"},
      {"Guterres\xE2\x80\x99", "guterres'"},
      {"The", "the"},
      {"", ""},
  };
  for (const auto& c : cases) CHECK_MESSAGE(normalize_name(c.input) == c.key, c.input);
}

TEST_CASE("the same triple seen twice is one edge with two evidence items") {
  Graph g;
  VertexId a = g.entity("Antonio Guterres", kPerson);
  VertexId b = g.entity("Sergei Lavrov", kPerson);
  Evidence first;
  first.text = g.add_text("Guterres met Lavrov.");
  Evidence second = first;
  second.sentence = 3;
  second.text = g.add_text("They met again.");
  g.add_fact(a, b, "meet", "met", first);
  g.add_fact(a, b, "meet", "met with", second);
  g.add_fact(a, b, "meet", "met", first);  // the very same evidence again adds nothing
  REQUIRE(g.edge_count() == 1);
  EdgeId e = *boost::edges(g.store()).first;
  CHECK(g.edge(e).evidence.size() == 2);
  CHECK(g.edge(e).surface.size() == 2);
  CHECK(g.edge_property(e, "count") == Value(int64_t{2}));
  CHECK(g.edge_property(e, "sentences") ==
        Value(List{Value("Guterres met Lavrov."), Value("They met again.")}));
  g.add_fact(b, a, "meet", "met", first);  // the other direction is another triple
  CHECK(g.edge_count() == 2);
}

TEST_CASE("entities are found by any alias and merged by name") {
  Graph g;
  VertexId guterres = g.entity("Antonio Guterres", kPerson);
  g.add_alias(guterres, "Guterres");
  CHECK(g.entity("guterres", kPerson) == guterres);
  REQUIRE(g.find("GUTERRES").size() == 1);
  CHECK(g.find("Guterres").front() == guterres);
  // An untyped mention takes the known entity; a different type is another node.
  CHECK(g.entity("Guterres", kOther) == guterres);
  VertexId place = g.entity("Guterres", kPlace);
  CHECK(place != guterres);
  CHECK(g.find("Guterres").size() == 2);
  g.remove_node(place);
  CHECK(g.find("Guterres").size() == 1);
  CHECK(g.node_property(guterres, "aliases") == Value(List{Value("Guterres")}));
}

TEST_CASE("properties: name and aliases fields and the property map") {
  Graph g;
  VertexId v = g.add_node({"Person"}, {{"name", Value("Ann")}, {"age", Value(int64_t{3})}});
  CHECK(g.find("ann").size() == 1);
  CHECK(g.node_keys(v) == std::vector<std::string>{"age", "name"});
  g.set_node_property(v, "name", Value("Bea"));
  CHECK(g.find("ann").empty());
  CHECK(g.find("bea").size() == 1);
  g.set_node_property(v, "name", Value(int64_t{7}));  // not a string: an ordinary property
  CHECK(g.find("bea").empty());
  CHECK(g.node_property(v, "name") == Value(int64_t{7}));
  g.set_node_property(v, "age", Value());
  CHECK(g.node_keys(v) == std::vector<std::string>{"name"});
  VertexId w = g.add_node({});
  EdgeId e = g.add_edge(v, w, "KNOWS", {{"since", Value(int64_t{1999})}});
  CHECK(g.edge_keys(e) == std::vector<std::string>{"since"});
  CHECK(g.edge_property(e, "count").is_null());  // no evidence, no count
  CHECK(g.find_id(g.node(w).id) == w);
  g.remove_edge(e);
  CHECK(g.edge_count() == 0);
}

TEST_CASE("a graph moved or copied into another keeps its names, relations and texts") {
  Graph source;
  Evidence evidence;
  evidence.text = source.add_text("Guterres met Lavrov.");
  VertexId guterres = source.entity("Antonio Guterres", "Person");
  source.add_alias(guterres, "Guterres");
  VertexId lavrov = source.entity("Sergei Lavrov", "Person");
  source.add_fact(guterres, lavrov, "meet", "met", evidence);
  auto check = [](const Graph& g) {
    REQUIRE(g.find("Guterres").size() == 1);
    VertexId v = g.find("Guterres")[0];
    CHECK(g.node(v).name == "Antonio Guterres");
    REQUIRE(g.edge_count() == 1);
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g.store()))) {
      CHECK(g.relation(e) == "meet");
      CHECK(g.node(boost::target(e, g.store())).name == "Sergei Lavrov");
      CHECK(g.text(g.edge(e).evidence[0].text) == "Guterres met Lavrov.");
    }
  };
  // Every node the copy's indexes give must be one of the copy's own vertices.
  auto owns_its_index = [](const Graph& g, const std::vector<std::string>& names) {
    std::set<VertexId> own;
    for (VertexId v : boost::make_iterator_range(boost::vertices(g.store()))) own.insert(v);
    for (const auto& name : names)
      for (VertexId v : g.find(name))
        if (!own.count(v)) return false;
    return true;
  };
  Graph copy;
  copy = source;
  check(copy);
  CHECK(owns_its_index(copy, {"Guterres", "Antonio Guterres", "Sergei Lavrov"}));
  Graph constructed_copy(copy);
  check(constructed_copy);
  CHECK(owns_its_index(constructed_copy, {"Guterres", "Sergei Lavrov"}));
  Graph moved;
  moved.entity("Someone Else", "Person");
  moved = std::move(source);
  check(moved);
  CHECK(owns_its_index(moved, {"Guterres", "Sergei Lavrov", "Someone Else"}));
  Graph constructed(std::move(moved));
  check(constructed);
  CHECK(owns_its_index(constructed, {"Guterres", "Sergei Lavrov"}));
  check(copy);
}
