#include "graph/export.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/import_tsv.h"

using namespace kg::graph;

namespace {

Graph tricky_graph() {
  Graph g;
  import_tsv(g,
             "Ann \"the quote\"\tmeet\tBob \\ backslash\tPerson\tPerson\n"
             "Zoë Ünal\tvisit\tMünchen\tPerson\tPlace\n"
             "Ann \"the quote\"\twork for\tACME <&> Co\tPerson\tOrganization\n"
             "Ann \"the quote\"\tlike\tjazz\n",
             "t.tsv");
  return g;
}

bool have(const char* tool) {
  return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("DOT export escapes names and renders with dot without warnings") {
  Graph g = tricky_graph();
  g.entity(std::string("Nul \0 here\x01", 11), kPerson);
  std::ostringstream dot;
  write_dot(g, select_subgraph(g, {}), dot);
  CHECK(dot.str().find("\"Ann \\\"the quote\\\"\"") != std::string::npos);
  CHECK(dot.str().find("\"Bob \\\\ backslash\"") != std::string::npos);
  // A NUL (U+0000 in a name set by a query) or another control character would end dot's parse.
  CHECK(dot.str().find('\0') == std::string::npos);
  CHECK(dot.str().find("\"Nul  here\"") != std::string::npos);
  if (!have("dot")) {
    MESSAGE("graphviz not installed: rendering not checked");
    return;
  }
  std::string path = write_temp("kg_export_test.dot", dot.str());
  std::string err = path + ".err";
  int status = std::system(("dot -Tsvg " + path + " -o /dev/null 2>" + err).c_str());
  CHECK(status == 0);
  CHECK(std::filesystem::file_size(err) == 0);
}

TEST_CASE("GraphML export is well-formed XML with the same counts") {
  Graph g = tricky_graph();
  std::ostringstream xml;
  write_graphml(g, select_subgraph(g, {}), xml);
  if (!have("python3")) return;
  std::string path = write_temp("kg_export_test.graphml", xml.str());
  std::string script =
      "import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); "
      "ns='{http://graphml.graphdrawing.org/xmlns}'; "
      "print(len(r.findall(f'.//{ns}node')), len(r.findall(f'.//{ns}edge')))";
  std::string out = path + ".out";
  REQUIRE(std::system(("python3 -c \"" + script + "\" " + path + " > " + out).c_str()) == 0);
  std::ifstream in(out);
  size_t nodes = 0, edges = 0;
  in >> nodes >> edges;
  CHECK(nodes == g.node_count());
  CHECK(edges == g.edge_count());
}

TEST_CASE("focus and depth select a neighbourhood; max-nodes trims it") {
  Graph g = tricky_graph();
  ExportOptions options;
  options.focus = "zoë ünal";
  options.depth = 1;
  Subgraph sub = select_subgraph(g, options);
  CHECK(sub.nodes.size() == 2);
  CHECK(sub.edges.size() == 1);
  options.focus = "Ann \"the quote\"";
  options.max_nodes = 2;
  CHECK(select_subgraph(g, options).nodes.size() == 2);
  options.focus = "nobody";
  CHECK_THROWS_AS(select_subgraph(g, options), GraphError);
}

TEST_CASE("CSV export uses the Neo4j bulk-import headers and quotes fields") {
  Graph g = tricky_graph();
  auto dir = (std::filesystem::temp_directory_path() / "kg_csv_test").string();
  write_csv(g, select_subgraph(g, {}), dir);
  std::ifstream nodes(dir + "/nodes.csv"), edges(dir + "/relationships.csv");
  std::string header;
  std::getline(nodes, header);
  CHECK(header == ":ID,name,aliases:string[],mentions:int,:LABEL");
  std::getline(edges, header);
  CHECK(header.rfind(":START_ID,:END_ID,:TYPE", 0) == 0);
  std::stringstream all;
  all << nodes.rdbuf();
  CHECK(all.str().find("\"Ann \"\"the quote\"\"\"") != std::string::npos);
}

TEST_CASE("TSV import: errors name file, line and column and add nothing") {
  Graph g;
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"a\tb\n", "t.tsv:1:1: expected 3 to 5"},
      {"# comment\n\na\tmeet\tb\tPerson\tAlien\n", "t.tsv:3:17: unknown entity type"},
      {"a\t\tb\n", "t.tsv:1:3: empty field"},
  };
  for (const auto& c : cases) {
    std::string error;
    try {
      import_tsv(g, c.text, "t.tsv");
    } catch (const GraphError& e) {
      error = e.what();
    }
    CHECK_MESSAGE(error.rfind(c.expected, 0) == 0, error);
  }
  CHECK(g.node_count() == 0);
  auto counts = import_tsv(g, "UN\tpart of\tworld\tORG\tloc\nUnited Nations\talias\tUN\n", "t.tsv");
  CHECK(counts.facts == 1);
  CHECK(counts.aliases == 1);
  REQUIRE(g.find("UN").size() == 1);
  CHECK(g.type(g.find("UN").front()) == kOrganization);
  EdgeId e = *boost::edges(g.store()).first;
  CHECK(g.relation(e) == "part_of");
}

TEST_CASE("every format carries the user's own properties, typed where the format types them") {
  Graph g = tricky_graph();
  VertexId ann = g.find("Ann \"the quote\"").at(0);
  VertexId bob = g.find("Bob \\ backslash").at(0);
  g.set_node_property(ann, "age", Value(int64_t{42}));
  g.set_node_property(ann, "tags", Value(List{Value("a"), Value("b")}));
  g.set_node_property(bob, "notes", Value(List{Value("x;y")}));  // ';' splits arrays: JSON text
  g.set_node_property(bob, "age", Value(41.5));                  // long and double: a double column
  g.set_node_property(bob, "mentions", Value("shadowing"));      // a built-in column's name
  g.set_node_property(bob, "born",
                      Value(kg::temporal::parse(kg::temporal::TKind::kDate, "1990-05-01")));
  EdgeId meet = *boost::out_edges(ann, g.store()).first;
  g.set_edge_property(meet, "since", Value(int64_t{2019}));
  Subgraph all = select_subgraph(g, {});

  std::ostringstream dot, xml, json, html;
  write_dot(g, all, dot);
  write_graphml(g, all, xml);
  write_node_link_json(g, all, json);
  write_html(g, all, {"t"}, html);
  CHECK(dot.str().find("tooltip=\"age: 42\\ntags: [\\\"a\\\",\\\"b\\\"]\"") != std::string::npos);
  CHECK(dot.str().find("tooltip=\"since: 2019\"") != std::string::npos);
  CHECK(xml.str().find("attr.name=\"age\" attr.type=\"double\"") != std::string::npos);
  CHECK(xml.str().find("attr.name=\"since\" attr.type=\"long\"") != std::string::npos);
  CHECK(xml.str().find("attr.name=\"mentions_property\"") != std::string::npos);
  CHECK(xml.str().find(">1990-05-01</data>") != std::string::npos);
  CHECK(json.str().find("\"properties\":{\"age\":42,\"tags\":[\"a\",\"b\"]}") != std::string::npos);
  CHECK(json.str().find("\"properties\":{\"since\":2019}") != std::string::npos);
  CHECK(html.str().find("\"properties\":{\"age\":42,") != std::string::npos);
  CHECK(html.str().find("{\"since\":2019}]") != std::string::npos);

  auto dir = (std::filesystem::temp_directory_path() / "kg_csv_props_test").string();
  write_csv(g, all, dir);
  std::ifstream nodes(dir + "/nodes.csv"), edges(dir + "/relationships.csv");
  std::string header, line, text;
  std::getline(nodes, header);
  CHECK(header ==
        ":ID,name,aliases:string[],mentions:int,:LABEL,age:double,born:date,"
        "mentions_property:string,notes:string,tags:string[]");
  while (std::getline(nodes, line)) text += line + "\n";
  CHECK(text.find(",42,,,,a;b\n") != std::string::npos);
  CHECK(text.find(",41.5,1990-05-01,shadowing,\"[\"\"x;y\"\"]\",\n") != std::string::npos);
  std::getline(edges, header);
  CHECK(header == ":START_ID,:END_ID,:TYPE,count:int,confidence:float,since:long");
  if (!have("dot")) return;
  std::string path = write_temp("kg_export_props.dot", dot.str());
  CHECK(std::system(("dot -Tsvg " + path + " -o /dev/null 2>/dev/null").c_str()) == 0);
}
