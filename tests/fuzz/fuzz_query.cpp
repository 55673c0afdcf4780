// libFuzzer target: any text given to the Cypher engine (parse, bind, plan, execute) against a
// small graph either returns a result or throws QueryError, within bounded time and memory.
// Each input gets a fresh graph, so writes by one input cannot make the next slower.
#include <cstddef>
#include <cstdint>
#include <string>

#include "graph/graph.h"
#include "query/engine.h"

namespace {

// Three people, two places and an organization, with relations (some with evidence), a loop
// and a parallel edge, so that matches, paths and aggregates all have something to find.
kg::graph::Graph sample_graph() {
  using namespace kg::graph;
  Graph g;
  uint32_t doc = g.add_document("fuzz.txt");
  VertexId guterres = g.entity("Antonio Guterres", kPerson);
  g.add_alias(guterres, "Guterres");
  VertexId lavrov = g.entity("Sergei Lavrov", kPerson);
  VertexId putin = g.entity("Vladimir Putin", kPerson);
  VertexId moscow = g.entity("Moscow", kPlace);
  VertexId russia = g.entity("Russia", kPlace);
  VertexId un = g.entity("United Nations", kOrganization);
  for (VertexId v : {guterres, lavrov, moscow}) g.add_mention(v, doc);
  Evidence ev;
  ev.document = doc;
  ev.text = g.add_text("Guterres met Lavrov in Moscow.");
  ev.end = 30;
  g.add_fact(guterres, lavrov, "meet", "met", ev);
  g.add_fact(guterres, moscow, "visit", "visited", ev);
  g.add_fact(lavrov, russia, "foreign_minister_of", "Foreign Minister", ev);
  g.add_fact(putin, russia, "president_of", "President", ev);
  g.add_fact(moscow, russia, "capital_of", "capital", ev);
  g.add_fact(guterres, un, "secretary_general_of", "Secretary-General", ev);
  g.add_edge(lavrov, putin, "report_to", {{"since", kg::graph::Value(int64_t{2004})}});
  g.add_edge(lavrov, putin, "report_to");
  g.add_edge(un, un, "self");
  g.add_node({"Thing"}, {{"n", kg::graph::Value(1.5)}, {"s", kg::graph::Value("x")}});
  return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  kg::graph::Graph graph = sample_graph();
  kg::query::Options options;
  options.max_hops = 4;
  options.timeout_ms = 500;
  options.max_rows = 20'000;
  kg::query::Params params{{"p", kg::query::Val(int64_t{1})}};
  try {
    kg::query::Result result = kg::query::run(graph, text, params, options);
    (void)kg::query::format_result(result, graph, kg::query::Format::kTable);
    (void)kg::query::format_result(result, graph, kg::query::Format::kJson);
  } catch (const kg::query::QueryError&) {
  }
  return 0;
}
