// The main job on the three sample articles: the graph a reader would draw by hand.
#include <doctest/doctest.h>

#include <filesystem>

#include "graph/persist.h"
#include "tests/cli/run_kg.h"

using namespace kg::graph;

namespace {

bool has_models() {
  return std::filesystem::exists(std::string(KG_SOURCE_DIR) + "/models/parser.bin") &&
         std::filesystem::exists(std::string(KG_SOURCE_DIR) + "/models/ner.bin");
}

const Graph& sample_graph() {
  static Graph graph = [] {
    std::string path = (scratch_dir() / "built_samples.json").string();
    std::filesystem::remove(path);
    std::string src = KG_SOURCE_DIR;
    KgRun run = run_kg("build " + src + "/samples/un-ceasefire-appeal.txt " + src +
                       "/samples/guterres-lavrov-moscow.txt " + src +
                       "/samples/griffiths-not-optimistic.txt --graph " + path);
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
      {"Russia", {"invade", "launch_offensive_against", "launch_operation_in", "launch_in"}, "Ukraine"},
      {"Sergei Lavrov", {"foreign_minister_of"}, "Russia"},
      {"Moscow", {"capital_of"}, "Russia"},
      {"Martin Griffiths", {"talk_with"}, "Denys Shmyhal"},
  };
  for (const auto& e : expected)
    CHECK_MESSAGE(has_edge(g, e.subject, e.relations, e.object), e.subject, " -> ", e.object);
}

TEST_CASE("sample articles: each entity once, aliases merged, no pronoun or description nodes") {
  if (!has_models()) return;
  const Graph& g = sample_graph();
  for (const char* name : {"Antonio Guterres", "Sergei Lavrov", "Vladimir Putin", "Martin Griffiths",
                           "Denys Shmyhal", "Moscow", "Russia", "Ukraine", "United Nations", "Kyiv"})
    CHECK_MESSAGE(g.find(name).size() == 1, name);
  CHECK(g.find("Guterres") == g.find("Antonio Guterres"));
  CHECK(g.find("UN") == g.find("United Nations"));
  CHECK(g.find("Kiev") == g.find("Kyiv"));
  for (const char* bad : {"He", "he", "the UN chief", "Also Read", "It"})
    CHECK_MESSAGE(g.find(bad).empty(), bad);
}
