#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/persist.h"

using namespace kg::graph;

namespace {

Graph sample_graph() {
  Graph g;
  uint32_t doc = g.add_document("a.txt");
  VertexId a = g.entity("Antonio Guterres", kPerson);
  g.add_alias(a, "Guterres");
  g.add_mention(a, doc);
  VertexId b = g.entity("Moscow \"the capital\" \\ Ü", kPlace);
  Evidence ev;
  ev.document = doc;
  ev.sentence = 2;
  ev.begin = 10;
  ev.end = 50;
  ev.text = g.add_text("Guterres went to Moscow.\nNew line");
  ev.confidence = 0.75f;
  ev.negated = true;
  ev.modality = g.intern("should");
  ev.attribution = g.intern("Russia");
  ev.time = g.intern("on Tuesday");
  g.add_fact(a, b, "visit", "went to", ev);
  VertexId c = g.add_node({"A", "B"}, {{"list", Value(List{Value(int64_t{1}), Value(2.5), Value("x")})},
                                       {"map", Value(Map{{"k", Value(true)}})}});
  g.add_edge(c, c, "SELF", {{"w", Value(-3)}});
  return g;
}

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / name).string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("save then load gives the same graph, byte for byte when saved again") {
  std::string path = temp_path("kg_persist_roundtrip.json");
  Graph g = sample_graph();
  save_graph(g, path);
  Graph loaded = load_graph(path);
  CHECK(loaded.node_count() == g.node_count());
  CHECK(loaded.edge_count() == g.edge_count());
  CHECK(loaded.find("guterres").size() == 1);
  std::string path2 = temp_path("kg_persist_roundtrip2.json");
  save_graph(loaded, path2);
  CHECK(slurp(path) == slurp(path2));
  EdgeId e = *boost::edges(loaded.store()).first;
  const Evidence& ev = loaded.edge(e).evidence.at(0);
  CHECK(ev.negated);
  CHECK(ev.confidence == doctest::Approx(0.75));
  CHECK(loaded.str(ev.time) == "on Tuesday");
  std::filesystem::remove(path);
  std::filesystem::remove(path2);
}

TEST_CASE("corrupt graph files are reported with an offset") {
  std::string good;
  {
    std::string path = temp_path("kg_persist_good.json");
    save_graph(sample_graph(), path);
    good = slurp(path);
    std::filesystem::remove(path);
  }
  struct Case {
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {good.substr(0, good.size() / 2), "t:"},
      {"", "t:"},
      {"[]", "t:"},
      {"{\"format\":\"other\",\"version\":1}", "not a kg graph file"},
      {"{\"format\":\"kg-graph\",\"version\":9}", "version 9 is not supported"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"name\":\"x\"}]}", "node without an id"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":1},{\"id\":1}]}", "duplicate id"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"edges\":[{\"id\":1,\"from\":5}]}", "unknown node 5"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[],\"bogus\":1}", "unexpected key"},
      {"{\"format\":\"kg-graph\",\"version\":1} trailing", "unexpected data"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"documents\":[\"\xff\"]}", "t:"},
      {std::string(100000, '['), "t:"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":1,\"properties\":{\"a\":" +
           std::string(1000, '[') + std::string(1000, ']') + "}}]}",
       "nested too deep"},
  };
  for (const auto& c : cases) {
    std::string error;
    try {
      parse_graph(c.text, "t");
    } catch (const GraphError& e) {
      error = e.what();
    }
    CHECK_MESSAGE(error.find(c.expected) != std::string::npos, c.text.substr(0, 80), " -> ", error);
    CHECK(error.rfind("t:", 0) == 0);
  }
}

TEST_CASE("a missing file is an error, not an empty graph") {
  CHECK_THROWS_AS(load_graph(temp_path("kg_does_not_exist.json")), GraphError);
}
