// kg query scripts: positions in errors, --continue, stdin, JSON-only output, --dot.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include "cli/script.h"
#include "cli/session.h"
#include "cli/shell.h"
#include "tests/cli/run_kg.h"

namespace {

// The sample facts as a graph file (no models needed).
std::string facts_graph(const std::string& name) {
  std::string graph = (scratch_dir() / name).string();
  std::filesystem::remove(graph);
  KgRun run =
      run_kg("import " + std::string(KG_SOURCE_DIR) + "/samples/facts.tsv --graph " + graph);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  return graph;
}

}  // namespace

TEST_CASE("split_script: statements, comments, meta-commands and positions") {
  using kg::cli::split_script;
  auto s = split_script(
      "// intro\nMATCH (n)\n  RETURN n; /* a; b */ RETURN ';' AS x;\n:stats\n  RETURN 2");
  REQUIRE(s.items.size() == 4);
  CHECK(s.items[0].text == "MATCH (n)\n  RETURN n");
  CHECK(s.items[0].line == 2);
  CHECK(s.items[0].column == 1);
  CHECK(s.items[1].text == "RETURN ';' AS x");
  CHECK(s.items[1].line == 3);
  CHECK(s.items[1].column == 24);
  CHECK(s.items[2].meta);
  CHECK(s.items[2].text == ":stats");
  CHECK(s.items[2].line == 4);
  CHECK_FALSE(s.items[3].terminated);
  CHECK(s.open);
  // An unterminated block comment keeps the shell asking for more.
  CHECK(split_script("RETURN 1; /* open").open);
  CHECK_FALSE(split_script("RETURN 1; // done").open);
  CHECK(kg::cli::one_line("MATCH (n) // 'x'\nRETURN 'a//b';\n") ==
        "MATCH (n) /* 'x' */ RETURN 'a//b';");
  CHECK(kg::cli::split_words(":why \"Antonio Guterres\" 'Sergei Lavrov'") ==
        std::vector<std::string>{":why", "Antonio Guterres", "Sergei Lavrov"});
}

TEST_CASE("completion: labels, types, keys, names, keywords, meta-commands") {
  kg::cli::CompletionWords words;
  words.labels = {"Organization", "Person", "Place"};
  words.types = {"meet", "president_of"};
  words.keys = {"name", "mentions"};
  words.names = {"Antonio Guterres", "Sergei Lavrov"};
  auto only = [&](const char* line) {
    auto c = kg::cli::complete(line, words);
    return c.candidates.size() == 1 ? c.candidates[0]
                                    : std::string("<" + std::to_string(c.candidates.size()) + ">");
  };
  CHECK(only("MATCH (p:Pers") == "Person");
  CHECK(only("MATCH (p:Person)-[r:pre") == "president_of");
  CHECK(only("MATCH (p) RETURN p.na") == "name");
  CHECK(only("MATCH (p {name: 'Antonio G") == "Antonio Guterres'");
  CHECK(only("mat") == "match ");
  CHECK(only("MAT") == "MATCH ");
  CHECK(only(":sch") == ":schema");
  CHECK(only("MATCH (p:P") == "<2>");
  auto c = kg::cli::complete("MATCH (p:P", words);
  CHECK(kg::cli::common_prefix(c.candidates) == "P");
  CHECK(kg::cli::common_prefix({"Zoë", "Zoé"}) == "Zo");
}

TEST_CASE("completion: a misspelt name in a quote finds the closest ones (kg.search)") {
  kg::graph::Graph g;
  kg::query::run(g,
                 "CREATE (:Person {name: 'António Guterres'}), (:Person {name: 'Sergei Lavrov'})");
  kg::cli::CompletionWords words;
  words.gather(g);
  auto c = kg::cli::complete("MATCH (p {name: 'antonio guteres", words);
  REQUIRE(c.candidates.size() == 1);
  CHECK(c.candidates[0] == "António Guterres'");
}

TEST_CASE("kg query --format json prints nothing but one JSON document") {
  std::string graph = facts_graph("json.json");
  std::string script = write_file(
      "three.cypher",
      "// three statements and meta-commands\n"
      ":param who => 'Antonio Guterres'\n"
      "MATCH (p:Person)-[r]->(x) WHERE p.name = $who RETURN type(r) AS rel, x.name AS x\n"
      "ORDER BY rel;\n"
      ":stats\n"
      "MATCH (p:Person) RETURN count(*) AS people;\n"
      "RETURN 'a \"quoted\" line\nbreak' AS text;\n");
  KgRun run = run_kg("query " + graph + " -f " + script + " --format json");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str(), run.out.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), run.out);
  REQUIRE(doc.IsArray());
  REQUIRE(doc.Size() == 3);
  CHECK(doc[0].Size() == 6);
  CHECK(std::string(doc[0][0]["rel"].GetString()) == "call_for_ceasefire_in");
  CHECK(doc[1][0]["people"].GetInt() == 5);
  CHECK(std::string(doc[2][0]["text"].GetString()) == "a \"quoted\" line\nbreak");
  // The :stats report went to stderr.
  CHECK(run.err.find("nodes by type") != std::string::npos);

  // -e: the rows array; jsonl: one object per line.
  run = run_kg("query " + graph +
               " -e 'MATCH (p:Person) RETURN p.name AS n ORDER BY n' --format json");
  REQUIRE(run.status == 0);
  doc.Parse(run.out.c_str());
  REQUIRE(!doc.HasParseError());
  CHECK(doc.Size() == 5);
  run = run_kg("query " + graph + " -f " + script + " --format jsonl");
  REQUIRE(run.status == 0);
  std::istringstream lines(run.out);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    doc.Parse(line.c_str());
    CHECK_MESSAGE(!doc.HasParseError(), line);
  }
  CHECK(count == 8);
}

TEST_CASE("a script error names script:line:column and stops (fail-fast)") {
  std::string graph = facts_graph("errors.json");
  std::string script = write_file("example.cypher",
                                  "// line 1\n"
                                  "RETURN 1 AS one;\n"
                                  "\n"
                                  "MATCH (p:Person)\n"
                                  "RETURN p.name AS name\n"
                                  "ORDER BY name LIMIT 1;\n"
                                  "RETURN 2 AS two; RETURN nope AS three;\n"
                                  "RETURN 4 AS four;\n");
  KgRun run = run_kg("query " + graph + " -f " + script);
  CHECK(run.status == 1);
  // `nope` is at column 25 of line 7, in the second statement of that line.
  CHECK_MESSAGE(
      run.err.find("example.cypher:7:25: SyntaxError (UndefinedVariable)") != std::string::npos,
      run.err);
  CHECK(run.err.find("RETURN 2 AS two; RETURN nope AS three;\n                          ^") !=
        std::string::npos);
  CHECK(run.out.find("two") != std::string::npos);
  CHECK(run.out.find("four") == std::string::npos);

  // --continue runs the rest and still exits 1.
  run = run_kg("query " + graph + " -f " + script + " --continue");
  CHECK(run.status == 1);
  CHECK(run.out.find("four") != std::string::npos);
  CHECK(run.err.find("1 statement failed") != std::string::npos);

  // A syntax error inside a multi-line statement: the line of the script, not of the statement.
  script = write_file("multi.cypher", "RETURN 1;\nMATCH (p:Person)\nWHERE p.name =\nRETRN p;\n");
  run = run_kg("query " + graph + " -f " + script);
  CHECK(run.status == 1);
  CHECK_MESSAGE(run.err.find("multi.cypher:4:7: SyntaxError") != std::string::npos, run.err);
}

TEST_CASE("statements from stdin, meta-commands, and saving what they changed") {
  std::string graph = facts_graph("stdin.json");
  KgRun run = run_kg("query " + graph,
                     "CREATE (:Person {name: 'Ada Lovelace'});\n:mode csv\n"
                     "MATCH (p:Person) WHERE p.name STARTS WITH 'Ada' RETURN p.name AS name;\n");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.out.find("name\nAda Lovelace\n") != std::string::npos);
  run = run_kg(
      "query " + graph +
      " -e 'MATCH (p:Person) WHERE p.name = \"Ada Lovelace\" RETURN count(*) AS n' --format csv");
  CHECK(run.out == "n\n1\n");
  run = run_kg("query " + graph, ":nonsense\n");
  CHECK(run.status == 1);
  CHECK(run.err.find("<stdin>:1:1: unknown meta-command ':nonsense'") != std::string::npos);
}

TEST_CASE("--dot writes what a query returned, and dot renders it without warnings") {
  std::string graph = facts_graph("dot.json");
  std::string dot = (scratch_dir() / "hood.dot").string();
  KgRun run = run_kg("query " + graph +
                     " -e \"MATCH p = (g:Person)-[*1..2]->(x) WHERE g.name = 'Antonio Guterres' "
                     "RETURN p\" --format csv --dot " +
                     dot);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  std::string text = read_all(dot);
  CHECK(text.find("digraph") != std::string::npos);
  CHECK(text.find("Sergei Lavrov") != std::string::npos);
  CHECK(text.find("Russia") != std::string::npos);    // two hops away
  CHECK(text.find("Mariupol") == std::string::npos);  // points at Ukraine, not from it
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("skipping the dot rendering check: graphviz's dot is not installed");
    return;
  }
  std::string err = (scratch_dir() / "dot.err").string();
  int status = std::system(("dot -Tsvg " + dot + " -o " + dot + ".svg 2>" + err).c_str());
  CHECK(status == 0);
  CHECK_MESSAGE(read_all(err).empty(), read_all(err));
}

TEST_CASE("kg shell without a terminal: unsaved changes are never dropped silently") {
  std::string graph = facts_graph("shell.json");
  std::string before = read_all(graph);
  KgRun run = run_kg("shell " + graph, "CREATE (:Person {name: 'Grace Hopper'});\n");
  CHECK(run.status == 1);
  CHECK(run.err.find("unsaved changes") != std::string::npos);
  CHECK(read_all(graph) == before);
  run = run_kg("shell " + graph, "CREATE (:Person {name: 'Grace Hopper'});\n:save\n");
  CHECK_MESSAGE(run.status == 0, run.err);
  run = run_kg("shell " + graph,
               "MATCH (p) WHERE p.name = 'Grace Hopper' RETURN count(*) AS n;\n:schema\n:why "
               "Guterres \"Sergei Lavrov\"\n");
  CHECK(run.status == 0);
  CHECK(run.out.find("| 1 |") != std::string::npos);
  CHECK(run.out.find("Person\t6\t{aliases, articles, mentions, name}") != std::string::npos);
  CHECK(run.out.find("Antonio Guterres -[meet]-> Sergei Lavrov") != std::string::npos);
  run = run_kg("shell " + graph, "CREATE (:Person {name: 'Nobody'});\n:quit!\n");
  CHECK(run.status == 0);
}

TEST_CASE("samples/queries/example.cypher over the sample graph: valid JSON and nothing else") {
  std::string models = std::string(KG_SOURCE_DIR) + "/models";
  if (!std::filesystem::exists(models + "/parser.bin") ||
      !std::filesystem::exists(models + "/ner.bin")) {
    MESSAGE("skipping: no models in " << models);
    return;
  }
  std::string graph = (scratch_dir() / "example_samples.json").string();
  std::filesystem::remove(graph);
  std::string src = KG_SOURCE_DIR;
  KgRun run = run_kg("build " + sample_articles() + " --graph " + graph);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  run = run_kg("query " + graph + " -f " + src + "/samples/queries/example.cypher --format json");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  rapidjson::Document doc;
  doc.Parse(run.out.c_str(), run.out.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), run.out);
  REQUIRE(doc.IsArray());
  CHECK(doc.Size() == 5);  // five statements; :schema and :param wrote to stderr
  CHECK(doc[0].Size() == 5);
  CHECK(run.err.find("relationship types") != std::string::npos);
  // The table form runs too.
  run = run_kg("query " + graph + " -f " + src + "/samples/queries/example.cypher");
  CHECK(run.status == 0);
  CHECK(run.out.find("| entity") != std::string::npos);
}

TEST_CASE("tables fit the width and cuts long values with an ellipsis") {
  kg::graph::Graph g;
  kg::query::Result r;
  r.columns = {"name", "text"};
  r.rows.push_back({kg::query::Val("Zoë"), kg::query::Val(std::string(200, 'x'))});
  std::string wide = kg::query::format_result(r, g, kg::query::Format::kTable);
  CHECK(wide.find(std::string(200, 'x')) != std::string::npos);
  std::string narrow = kg::query::format_result(r, g, kg::query::Format::kTable, 40);
  std::istringstream lines(narrow);
  for (std::string line; std::getline(lines, line);) {
    size_t chars = 0;
    for (unsigned char c : line) chars += (c & 0xC0) != 0x80;
    CHECK_MESSAGE(chars <= 40, line);
  }
  CHECK(narrow.find("x…") != std::string::npos);
  CHECK(narrow.find("'Zoë'") != std::string::npos);
  CHECK(narrow.find("1 row") != std::string::npos);
}

TEST_CASE(":export writes what a query returned; :save PATH in a script") {
  std::string graph = facts_graph("export.json");
  std::string dot = (scratch_dir() / "export.dot").string();
  std::string copy = (scratch_dir() / "export_copy.json").string();
  std::filesystem::remove(copy);
  KgRun run = run_kg("query " + graph, ":export dot " + dot +
                                           " MATCH (a:Person)-[r:meet]->(b) RETURN a, r, b\n"
                                           ":save " +
                                           copy + "\n");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.out.find("wrote 2 nodes and 1 relationships") != std::string::npos);
  std::string text = read_all(dot);
  CHECK(text.find("Sergei Lavrov") != std::string::npos);
  CHECK(text.find("Ukraine") == std::string::npos);
  CHECK(std::filesystem::exists(copy));
}

TEST_CASE("kg query --max-memory: a budget in plain units, enforced, and a bad one refused") {
  std::string graph = (scratch_dir() / "memory.json").string();
  std::filesystem::remove(graph);
  REQUIRE(
      run_kg("import " + write_file("memory.tsv", "a\tmeet\tb\n") + " --graph " + graph).status ==
      0);
  KgRun run =
      run_kg("query " + graph +
             " --max-memory 100M -e 'UNWIND range(1, 50000000) AS x RETURN size(collect(x))'");
  CHECK(run.status == 1);
  CHECK(run.err.find("MemoryLimitExceeded") != std::string::npos);
  run = run_kg("query " + graph + " --max-memory lots -e 'RETURN 1'");
  CHECK(run.status == 1);
  CHECK(run.err.find("expected a size such as 2G") != std::string::npos);
  run = run_kg("query " + graph + " --max-memory 1G --format csv -e 'RETURN 1 AS one'");
  CHECK(run.out == "one\n1\n");
}

TEST_CASE("queries stop after ten minutes unless told otherwise; the shell's :timeout sets it") {
  std::string graph = (scratch_dir() / "timeout.json").string();
  std::filesystem::remove(graph);
  REQUIRE(run_kg("import " + write_file("timeout.tsv", "a\tmeet\tb\nb\tmeet\tc\n") + " --graph " +
                 graph)
              .status == 0);
  CHECK(run_kg("query --help").out.find("600000") != std::string::npos);
  // Fifty million rows (1.5 s or more), each checked against a 100 ms limit.
  const std::string slow = "UNWIND range(1, 50000000) AS x WITH x WHERE x < 0 RETURN count(x);";
  KgRun run = run_kg("shell " + graph, ":timeout 100\n" + slow + "\n:timeout x\n");
  CHECK(run.out.find("queries stop after 100 ms") != std::string::npos);
  CHECK(run.err.find("Timeout") != std::string::npos);
  CHECK(run.err.find("usage: :timeout MS|off") != std::string::npos);
  run = run_kg("query " + graph + " --timeout-ms 100 -e '" + slow + "'");
  CHECK(run.status == 1);
  CHECK(run.err.find("Timeout") != std::string::npos);
}
