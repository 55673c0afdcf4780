#include "graph/persist.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

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
  VertexId c =
      g.add_node({"A", "B"}, {{"list", Value(List{Value(int64_t{1}), Value(2.5), Value("x")})},
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

TEST_CASE("NaN and the infinities are saved as themselves, not as null") {
  std::string path = temp_path("kg_persist_nonfinite.json");
  Graph g;
  double inf = std::numeric_limits<double>::infinity();
  VertexId v = g.add_node({"N"}, {{"nan", Value(std::nan(""))},
                                  {"inf", Value(inf)},
                                  {"list", Value(List{Value(-inf), Value(1.5)})}});
  (void)v;
  save_graph(g, path);
  CHECK(slurp(path).find("{\"$float\":\"-Infinity\"}") != std::string::npos);
  Graph loaded = load_graph(path);
  VertexId n = *boost::vertices(loaded.store()).first;
  CHECK(std::isnan(loaded.node_property(n, "nan").as<double>()));
  CHECK(loaded.node_property(n, "inf").as<double>() == inf);
  CHECK(loaded.node_property(n, "list").as<List>().at(0).as<double>() == -inf);
  // A "$float" object that is not one of the three stays a map.
  std::ofstream(temp_path("kg_persist_nonfinite2.json"))
      << slurp(path).replace(slurp(path).find("-Infinity"), 9, "-Infinitx");
  Graph odd = load_graph(temp_path("kg_persist_nonfinite2.json"));
  CHECK(odd.node_property(*boost::vertices(odd.store()).first, "list").as<List>().at(0).is<Map>());
  std::filesystem::remove(path);
  std::filesystem::remove(temp_path("kg_persist_nonfinite2.json"));
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
      {"{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"name\":\"x\"}]}",
       "node without an id"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":1},{\"id\":1}]}", "duplicate id"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"edges\":[{\"id\":1,\"from\":5}]}",
       "unknown node 5"},
      {"{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":1}],\"edges\":["
       "{\"id\":7,\"from\":1,\"to\":1,\"relation\":\"a\"},"
       "{\"id\":7,\"from\":1,\"to\":1,\"relation\":\"b\"}]}",
       "duplicate relation id 7"},
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

TEST_CASE("plain mentions are saved as four numbers, the rest as relationship objects") {
  Graph g = sample_graph();
  VertexId article = g.add_node({std::string(kArticle)}, {{"id", Value("a.txt")}});
  VertexId guterres = g.find("guterres").at(0);
  g.add_edge(guterres, article, kMentionedIn, {{"count", Value(int64_t{3})}});
  // Anything more than a count keeps the object form.
  g.add_edge(article, article, kMentionedIn, {{"count", Value(int64_t{1})}, {"x", Value("y")}});
  g.add_edge(article, guterres, kMentionedIn, {{"count", Value(2.5)}});
  std::string text = graph_json(g);
  CHECK(text.find("\"version\":2") != std::string::npos);
  CHECK(text.find("\"mentions\":[[") != std::string::npos);
  CHECK(text.find("\"relation\":\"MENTIONED_IN\",\"properties\":{\"count\":3}") ==
        std::string::npos);
  Graph loaded = parse_graph(text, "t");
  CHECK(loaded.edge_count() == g.edge_count());
  CHECK(graph_json(loaded) == text);
  int plain = 0;
  for (auto [it, end] = boost::edges(loaded.store()); it != end; ++it) {
    if (loaded.str(loaded.edge(*it).relation) != kMentionedIn) continue;
    if (loaded.edge(*it).properties.get().size() == 1 &&
        loaded.edge(*it).properties.get()[0].second == Value(int64_t{3})) {
      ++plain;
      CHECK(boost::source(*it, loaded.store()) == loaded.find("guterres").at(0));
    }
  }
  CHECK(plain == 1);
  // A version 1 file (no "mentions") still loads.
  Graph old = parse_graph("{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":0}]}", "t");
  CHECK(old.node_count() == 1);
  const std::pair<std::string, const char*> bad[] = {
      {"[[1,0,9,1]]", "unknown node 9"},     {"[[1,0,0]]", "four numbers"},
      {"[[1,0,0,1,5]]", "four numbers"},     {"[[1,0,0,1],[1,0,0,2]]", "duplicate relation id 1"},
      {"[[1,0,0,-1]]", "negative"},          {"[[1,0,0,\"x\"]]", "unexpected string"},
      {"[[1,0,0,[1]]]", "unexpected array"},
  };
  for (const auto& [mentions, expected] : bad) {
    std::string error;
    try {
      parse_graph("{\"format\":\"kg-graph\",\"version\":2,\"nodes\":[{\"id\":0}],\"mentions\":" +
                      mentions + "}",
                  "t");
    } catch (const GraphError& e) {
      error = e.what();
    }
    CHECK_MESSAGE(error.find(expected) != std::string::npos, mentions, " -> ", error);
  }
}

TEST_CASE("a missing file is an error, not an empty graph") {
  CHECK_THROWS_AS(load_graph(temp_path("kg_does_not_exist.json")), GraphError);
}

namespace {

// Every node's relations as "name -relation-> name", out-edges then in-edges, in list order.
std::vector<std::string> adjacency(const Graph& g) {
  std::vector<std::string> lines;
  const Store& s = g.store();
  auto describe = [&](EdgeId e) {
    return g.node(boost::source(e, s)).name + " -" + std::string(g.relation(e)) + "-> " +
           g.node(boost::target(e, s)).name;
  };
  for (auto [v, v_end] = boost::vertices(s); v != v_end; ++v) {
    lines.push_back("node " + g.node(*v).name);
    for (auto [e, end] = boost::out_edges(*v, s); e != end; ++e)
      lines.push_back("out " + describe(*e));
    for (auto [e, end] = boost::in_edges(*v, s); e != end; ++e)
      lines.push_back("in " + describe(*e));
  }
  return lines;
}

Graph star_graph() {
  Graph g;
  std::vector<VertexId> v;
  for (const char* name : {"A", "B", "C", "D"}) v.push_back(g.entity(name, kPerson));
  // Interleaved, with a parallel pair and a loop, so that any reordering shows.
  g.add_edge(v[0], v[1], "r1");
  g.add_edge(v[2], v[0], "r2");
  g.add_edge(v[0], v[3], "r3");
  g.add_edge(v[3], v[3], "loop");
  g.add_edge(v[0], v[1], "r4");
  g.add_edge(v[1], v[0], "r5");
  g.add_edge(v[2], v[1], "r6");
  return g;
}

std::string save_to_string(const Graph& g, const char* name) {
  std::string path = temp_path(name);
  save_graph(g, path);
  std::string text = slurp(path);
  std::filesystem::remove(path);
  return text;
}

// Replaces the value of a header count (`"key":N`) with `value`, or drops the key when empty.
std::string with_count(std::string text, const std::string& key, const std::string& value) {
  size_t at = text.find("\"" + key + "\":");
  REQUIRE(at != std::string::npos);
  size_t end = text.find(',', at);
  if (value.empty())
    text.erase(at, end + 1 - at);
  else
    text.replace(at, end - at, "\"" + key + "\":" + value);
  return text;
}

}  // namespace

TEST_CASE("loading keeps every node's relations in the order they were added") {
  Graph g = star_graph();
  Graph loaded = parse_graph(save_to_string(g, "kg_persist_order.json"), "t");
  CHECK(adjacency(loaded) == adjacency(g));
  CHECK(boost::out_degree(*loaded.find("a").begin(), loaded.store()) == 3);
  CHECK(boost::in_degree(*loaded.find("b").begin(), loaded.store()) == 3);
}

TEST_CASE("the header's counts are optional hints: old files and wrong counts load alike") {
  Graph g = star_graph();
  std::string text = save_to_string(g, "kg_persist_counts.json");
  CHECK(text.find("\"node_count\":4,\"edge_count\":7,\"text_count\":0") != std::string::npos);
  std::vector<std::string> variants;
  std::string old_format = text;  // as written before the counts existed
  for (const char* key : {"node_count", "edge_count", "text_count"})
    old_format = with_count(old_format, key, "");
  variants.push_back(old_format);
  for (const char* value : {"0", "1", "99999999999999"}) {
    std::string changed = text;
    for (const char* key : {"node_count", "edge_count", "text_count"})
      changed = with_count(changed, key, value);
    variants.push_back(changed);
  }
  for (const auto& variant : variants) {
    Graph loaded = parse_graph(variant, "t");
    CHECK(adjacency(loaded) == adjacency(g));
    CHECK(save_to_string(loaded, "kg_persist_counts2.json") == text);
  }
}

TEST_CASE("node ids too large for the loader's dense table still load and are checked") {
  std::string big = "1099511627776";
  std::string text =
      "{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":" + big +
      ",\"name\":\"Big\"},{\"id\":5,\"name\":\"Small\"}],\"edges\":[{\"id\":7,\"from\":" + big +
      ",\"to\":5,\"relation\":\"meet\"}]}";
  Graph g = parse_graph(text, "t");
  REQUIRE(g.edge_count() == 1);
  VertexId from = *g.find("big").begin();
  CHECK(boost::out_degree(from, g.store()) == 1);
  CHECK(g.node(boost::target(*boost::out_edges(from, g.store()).first, g.store())).name == "Small");
  CHECK(g.next_id() == 1099511627777ull);
  std::string duplicate = "{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":" + big +
                          "},{\"id\":" + big + "}]}";
  CHECK_THROWS_WITH_AS(parse_graph(duplicate, "t"), doctest::Contains("duplicate id"), GraphError);
  std::string unknown = "{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":" + big +
                        "}],\"edges\":[{\"id\":7,\"from\":" + big +
                        ",\"to\":1099511627775,\"relation\":\"r\"}]}";
  CHECK_THROWS_WITH_AS(parse_graph(unknown, "t"), doctest::Contains("unknown node"), GraphError);
}

TEST_CASE("UTF-8 is checked across the loader's blocks, with exact offsets") {
  std::string sentence;
  for (int i = 0; i < 30000; ++i) sentence += "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // é € 😀
  // Three spaces put the first block's end (64 KiB) inside a 😀.
  std::string head = "   {\"format\":\"kg-graph\",\"version\":1,\"texts\":[\"";
  std::string text = head + sentence + "\"]}";
  Graph g = parse_graph(text, "t");
  REQUIRE(g.text_count() == 1);
  CHECK(g.text(0) == sentence);
  // A bad byte far beyond the first block, a character cut short, a bad byte after the graph.
  const size_t offsets[] = {head.size() + 9 * 11111, head.size() + 9 * 7777};  // lead bytes
  for (size_t at : offsets) {
    std::string bad = text;
    bad[at] = '\xFF';
    CHECK_THROWS_WITH_AS(parse_graph(bad, "t"),
                         doctest::Contains(("t:" + std::to_string(at) + ": invalid UTF-8").c_str()),
                         GraphError);
  }
  std::string cut = text;
  size_t at = head.size() + 9 * 7276 + 5;  // a 😀 from 65535 to 65538, across the block end
  REQUIRE(at == 65535);
  cut[at + 2] = 'x';
  CHECK_THROWS_WITH_AS(parse_graph(cut, "t"),
                       doctest::Contains(("t:" + std::to_string(at) + ": invalid UTF-8").c_str()),
                       GraphError);
  CHECK_THROWS_WITH_AS(
      parse_graph(text + " \xC3", "t"),
      doctest::Contains(("t:" + std::to_string(text.size() + 1) + ": invalid UTF-8").c_str()),
      GraphError);
  CHECK_THROWS_WITH_AS(parse_graph(text + std::string(1, '\0'), "t"), doctest::Contains("NUL byte"),
                       GraphError);
}

TEST_CASE("saves: planted temporaries cannot redirect them, permissions and symlinks survive") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("kg_safe_save_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string graph = (dir / "g.json").string();
  Graph g = sample_graph();
  save_graph(g, graph);
  std::string saved = slurp(graph);

  // The name an older kg used for its temporary file, planted as a link to a victim.
  std::string victim = (dir / "victim.txt").string();
  std::ofstream(victim) << "keep me";
  fs::create_symlink(victim, graph + ".tmp." + std::to_string(::getpid()));
  // A temporary a killed run left (no process has that pid) is removed; the link is not ours
  // by name (no random suffix) but also points away, so it must stay untouched too.
  std::string stale = graph + ".tmp.99999999.abcdef";
  std::ofstream(stale) << "partial";
  fs::permissions(graph, fs::perms::owner_read | fs::perms::owner_write);
  save_graph(g, graph);
  CHECK(slurp(victim) == "keep me");
  CHECK(slurp(graph) == saved);
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::is_symlink(graph + ".tmp." + std::to_string(::getpid())));
  // A private graph stays private.
  CHECK((fs::status(graph).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));

  // A graph reached through a symlink is saved through it: the link stays a link.
  std::string link = (dir / "link.json").string();
  fs::create_symlink(graph, link);
  Graph bigger = sample_graph();
  bigger.entity("Sergei Lavrov", kPerson);
  save_graph(bigger, link);
  CHECK(fs::is_symlink(link));
  CHECK(load_graph(graph).node_count() == bigger.node_count());
  for (const auto& entry : fs::directory_iterator(dir))  // no temporary file left behind
    if (!fs::is_symlink(entry.symlink_status()))
      CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a FIFO is refused as a graph file at once, not waited on") {
  std::string fifo = temp_path(("kg_fifo_" + std::to_string(::getpid())).c_str());
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH_AS(load_graph(fifo), doctest::Contains("not a regular file"), GraphError);
  std::filesystem::remove(fifo);
}
