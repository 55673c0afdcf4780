// The main job on the three sample articles: the graph a reader would draw by hand.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "graph/persist.h"
#include "tests/cli/run_kg.h"

using namespace kg::graph;

namespace {

bool has_models() {
  const char* env = std::getenv("KG_MODELS");
  std::string dir = env && *env ? env : std::string(KG_SOURCE_DIR) + "/models";
  return std::filesystem::exists(dir + "/parser.bin") && std::filesystem::exists(dir + "/ner.bin");
}

const Graph& sample_graph() {
  static Graph graph = [] {
    std::string path = (scratch_dir() / "built_samples.json").string();
    std::filesystem::remove(path);
    KgRun run = run_kg("build " + sample_articles() + " --graph " + path);
    REQUIRE_MESSAGE(run.status == 0, run.err);
    return load_graph(path);
  }();
  return graph;
}

// Whether some edge from the entity named `a` to the one named `b` has one of `relations`.
bool has_edge(const Graph& g, const std::string& a, const std::vector<std::string>& relations,
              const std::string& b) {
  for (VertexId from : g.find(a))
    for (auto [it, end] = boost::out_edges(from, g.store()); it != end; ++it) {
      VertexId to = boost::target(*it, g.store());
      const auto& targets = g.find(b);
      if (std::find(targets.begin(), targets.end(), to) == targets.end()) continue;
      for (const auto& r : relations)
        if (g.relation(*it) == r) return true;
    }
  return false;
}

}  // namespace

TEST_CASE("sample articles: the relations a reader would draw") {
  if (!has_models()) {
    MESSAGE("models/parser.bin or models/ner.bin missing: skipped");
    return;
  }
  const Graph& g = sample_graph();
  struct Expected {
    const char* subject;
    std::vector<std::string> relations;
    const char* object;
  };
  const Expected expected[] = {
      {"Antonio Guterres", {"meet"}, "Sergei Lavrov"},
      {"Antonio Guterres", {"meet"}, "Vladimir Putin"},
      {"Antonio Guterres", {"send"}, "Martin Griffiths"},
      {"Russia",
       {"invade", "launch_offensive_against", "launch_operation_in", "launch_in"},
       "Ukraine"},
      {"Sergei Lavrov", {"foreign_minister_of"}, "Russia"},
      {"Moscow", {"capital_of"}, "Russia"},
  };
  for (const auto& e : expected)
    CHECK_MESSAGE(has_edge(g, e.subject, e.relations, e.object),
                  (std::string(e.subject) + " -> " + e.object));
}

// "Undersecretary of State Martin Griffiths ... after concluding talks with Prime Minister Denys
// Shmyhal": the parser hangs the name under "Undersecretary", and the talks' agent is the
// subject of the clause around them.
TEST_CASE("sample articles: Griffiths talk_with Shmyhal") {
  if (!has_models()) return;
  CHECK(has_edge(sample_graph(), "Martin Griffiths", {"talk_with"}, "Denys Shmyhal"));
}

TEST_CASE("sample articles: each entity once, aliases merged, no pronoun or description nodes") {
  if (!has_models()) return;
  const Graph& g = sample_graph();
  for (const char* name :
       {"Antonio Guterres", "Sergei Lavrov", "Vladimir Putin", "Martin Griffiths", "Denys Shmyhal",
        "Moscow", "Russia", "Ukraine", "United Nations", "Kyiv"})
    CHECK_MESSAGE(g.find(name).size() == 1, std::string(name));
  CHECK(g.find("Guterres") == g.find("Antonio Guterres"));
  CHECK(g.find("UN") == g.find("United Nations"));
  CHECK(g.find("Kiev") == g.find("Kyiv"));
  for (const char* bad : {"He", "he", "the UN chief", "Also Read", "It"})
    CHECK_MESSAGE(g.find(bad).empty(), std::string(bad));
}

TEST_CASE("kg build: the same graph whatever the thread count; kg extract per document") {
  if (!has_models()) return;
  std::string src = KG_SOURCE_DIR;
  std::string a = src + "/samples/guterres-lavrov-moscow.txt";
  std::string b = src + "/samples/griffiths-not-optimistic.txt";
  std::string one = (scratch_dir() / "threads1.json").string(),
              two = (scratch_dir() / "threads2.json").string();
  std::filesystem::remove(one);
  std::filesystem::remove(two);
  REQUIRE(run_kg("build " + a + " " + b + " --graph " + one).status == 0);
  REQUIRE(run_kg("build " + a + " " + b + " --graph " + two + " --threads 2").status == 0);
  CHECK(read_all(one) == read_all(two));

  KgRun alone = run_kg("extract " + a);
  KgRun batch = run_kg("extract " + b + " " + a);
  REQUIRE(alone.status == 0);
  REQUIRE(batch.status == 0);
  std::string from_batch;
  std::istringstream lines(batch.out);
  for (std::string line; std::getline(lines, line);)
    if (line.find("\"doc\":\"" + a + "\"") != std::string::npos) from_batch += line + "\n";
  CHECK(alone.out == from_batch);

  // The reduce step rebuilds the same entities and relations from the map step's output.
  std::string facts = write_file("facts.jsonl", alone.out);
  std::string reduced = (scratch_dir() / "reduced.json").string();
  std::filesystem::remove(reduced);
  REQUIRE(run_kg("build --from-triples " + facts + " --graph " + reduced).status == 0);
  std::string direct = (scratch_dir() / "direct.json").string();
  std::filesystem::remove(direct);
  REQUIRE(run_kg("build " + a + " --graph " + direct).status == 0);
  Graph r = load_graph(reduced), d = load_graph(direct);
  CHECK(r.node_count() == d.node_count());
  CHECK(r.edge_count() == d.edge_count());
}

TEST_CASE("kg why prints the sentences behind a relation") {
  if (!has_models()) return;
  sample_graph();
  std::string path = (scratch_dir() / "built_samples.json").string();
  KgRun run = run_kg("why " + path + " Guterres Lavrov");
  CHECK(run.status == 0);
  CHECK(run.out.find("Guterres") != std::string::npos);
  CHECK(run_kg("why " + path + " Nobody Lavrov").status == 1);
}

// A support verb's object names the event, and the parser may hang the other party on the verb
// ("opens his campaign ... against X", "reached an agreement with X").
TEST_CASE("kg extract: the party of an event noun is found on its support verb too") {
  if (!has_models()) return;
  std::string text =
      write_file("support_verbs.txt",
                 "Andre Agassi opens his campaign on Tuesday against Bobby Reynolds.\n\n"
                 "Lenovo reached an agreement with IBM last year.\n");
  KgRun run = run_kg("extract " + text);
  REQUIRE(run.status == 0);
  CHECK(run.out.find("\"relation\":\"campaign_against\",\"object\":\"Bobby Reynolds\"") !=
        std::string::npos);
  CHECK(run.out.find("\"relation\":\"agree_with\",\"object\":\"IBM\"") != std::string::npos);
}

// A relation's schema class is in kg extract's JSON and on the graph's relationship, where a
// query can match it; kg build --from-triples keeps it.
TEST_CASE("kg extract and kg build: the class of a relation, queried as a property") {
  if (!has_models()) return;
  std::string text = write_file("classes.txt",
                                "John Smith, a spokesman for IBM, said the company would cut "
                                "jobs.\n\nSteve Ballmer visited Paris.\n");
  KgRun run = run_kg("extract " + text);
  REQUIRE(run.status == 0);
  CHECK(run.out.find("\"relation\":\"spokesman_of\"") != std::string::npos);
  CHECK(run.out.find("\"class\":\"works_for\"") != std::string::npos);
  CHECK(run.out.find("\"relation\":\"visit\",\"object\":\"Paris\"") != std::string::npos);
  std::string triples = write_file("classes.jsonl", run.out);
  for (std::string build : {"build " + text, "build --from-triples " + triples}) {
    std::string graph = (scratch_dir() / "classes.json").string();
    std::filesystem::remove(graph);
    REQUIRE(run_kg(build + " --graph " + graph).status == 0);
    KgRun q = run_kg("query " + graph +
                     " --format csv -e \"MATCH (p)-[r {class:'works_for'}]->(o) RETURN p.name, "
                     "type(r), o.name\"");
    REQUIRE(q.status == 0);
    CHECK(q.out.find("John Smith,spokesman_of,IBM") != std::string::npos);
    CHECK(q.out.find("Paris") == std::string::npos);
  }
}

TEST_CASE(
    "the samples folder as a user types it: three articles, fed twice the same, one removed") {
  if (!has_models()) {
    MESSAGE("models/parser.bin or models/ner.bin missing: skipped");
    return;
  }
  std::string src = KG_SOURCE_DIR;
  std::string path = (scratch_dir() / "samples_folder.json").string();
  std::filesystem::remove(path);
  KgRun run = run_kg("build " + src + "/samples --graph " + path);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  // The query scripts and the facts table beside the articles are not read as news.
  CHECK(run.err.find(" .cypher, 1 .tsv); name them to read them") != std::string::npos);
  auto query = [&](const std::string& q) {
    KgRun r = run_kg("query " + path + " --format csv -e \"" + q + "\"");
    CHECK_MESSAGE(r.status == 0, r.err);
    return r.out;
  };
  CHECK(query("MATCH (a:Article) RETURN count(a)") == "count(a)\n3\n");
  CHECK(query("MATCH (n) WHERE n.name IN ['RETURN', 'DESC', 'Person', 'MATCH'] RETURN count(n)") ==
        "count(n)\n0\n");
  CHECK(query("MATCH (p:Person {name:'Antonio Guterres'})-[:MENTIONED_IN]->(a:Article) "
              "RETURN count(a) >= 2") == "count(a) >= 2\ntrue\n");
  // The co-mention query of samples/queries runs.
  KgRun co = run_kg("query " + path + " -f " + src + "/samples/queries/co-mentioned.cypher");
  CHECK_MESSAGE(co.status == 0, co.err);
  CHECK(co.out.find("guterres-lavrov-moscow.txt") != std::string::npos);

  // Fed again: nothing changes, byte for byte.
  std::string before = read_all(path);
  run = run_kg("build " + src + "/samples --graph " + path);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.err.find("3 articles were in the graph already") != std::string::npos);
  CHECK(read_all(path) == before);

  // Griffiths' article removed: his talks with Shmyhal go (only it said so), two articles stay.
  std::string talks =
      "MATCH (a {name:'Martin Griffiths'})-[r]-(b {name:'Denys Shmyhal'}) RETURN count(r)";
  CHECK(query(talks) != "count(r)\n0\n");
  run = run_kg("remove " + path + " " + src + "/samples/griffiths-not-optimistic.txt");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(query("MATCH (a:Article) RETURN count(a)") == "count(a)\n2\n");
  CHECK(query(talks) == "count(r)\n0\n");
  // An id the graph does not know: an error, and the file is untouched.
  before = read_all(path);
  run = run_kg("remove " + path + " no-such-article.txt");
  CHECK(run.status == 1);
  CHECK(run.err.find("no article with the id \"no-such-article.txt\"") != std::string::npos);
  CHECK(read_all(path) == before);
}

TEST_CASE("an article's date from its dateline, a relation's from its sentence") {
  if (!has_models()) {
    MESSAGE("models/parser.bin or models/ner.bin missing: skipped");
    return;
  }
  std::string article = write_file(
      "moscow-dateline.txt",
      "MOSCOW, Thursday, April 28, 2022 (AP) - UN Secretary-General Antonio Guterres met Russian "
      "Foreign Minister Sergei Lavrov in Moscow on Tuesday.\n");
  std::string path = (scratch_dir() / "dateline.json").string();
  std::filesystem::remove(path);
  KgRun run = run_kg("build " + article + " --graph " + path);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  auto query = [&](const std::string& q) {
    return run_kg("query " + path + " --format csv -e \"" + q + "\"").out;
  };
  CHECK(query("MATCH (a:Article) RETURN toString(a.date) AS d") == "d\n2022-04-28\n");
  CHECK(query("MATCH (:Person {name:'Antonio Guterres'})-[r:meet]->(:Person {name:'Sergei "
              "Lavrov'}) RETURN toString(r.date) AS d, r.date_precision AS p, "
              "r.date < date('2022-04-27') AS before") == "d,p,before\n2022-04-26,day,true\n");
  CHECK(query("MATCH (p:Person {name:'Sergei Lavrov'}) RETURN toString(p.first_seen) AS f") ==
        "f\n2022-04-28\n");
  // A JSONL date wins over the dateline; --date applies where the input gives none.
  std::string jsonl = write_file(
      "dated.jsonl",
      "{\"id\":\"x1\",\"title\":\"Talks\",\"date\":\"2022-05-06\",\"text\":\"Antonio Guterres met "
      "Sergei Lavrov on Tuesday.\"}\n{\"id\":\"x2\",\"text\":\"Sergei Lavrov met Antonio "
      "Guterres yesterday.\"}\n");
  path = (scratch_dir() / "dated.json").string();
  std::filesystem::remove(path);
  run = run_kg("build " + jsonl + " --date 2022-05-10 --graph " + path);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(query("MATCH (a:Article) RETURN a.id, a.title, toString(a.date) AS d ORDER BY a.id") ==
        "a.id,a.title,d\nx1,Talks,2022-05-06\nx2,Sergei Lavrov met Antonio Guterres yesterday.,"
        "2022-05-10\n");
  CHECK(query("MATCH ()-[r:meet]->() RETURN toString(r.date) AS d ORDER BY d") ==
        "d\n2022-05-03\n2022-05-09\n");
  run = run_kg("build " + jsonl + " --date 2022-13-01 --graph " + path);
  CHECK(run.status != 0);
  CHECK(run.err.find("YYYY-MM-DD") != std::string::npos);
}
