// What bench_peers (generated graphs) and bench_graph_queries (graphs built from text) share:
// a query as both kg and Kùzu run it with the hand-written code doing the same work, and the
// anchored queries whose text is the same on every graph.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bench/hand_traversal.h"
#include "query/engine.h"
#include "query/value.h"

namespace kg::bench {

// A result as all sides can write it: rows of plain values (ints, floats, strings, nulls).
using Rows = std::vector<std::vector<query::Val>>;

// One query: its text for kg and for Kùzu (whose dialect differs in places), the parameters of
// each run and the hand-written code doing the same work.
struct QuerySpec {
  std::string name, kg_text, kuzu_text;
  std::vector<query::Params> runs;
  std::function<Rows(const query::Params&)> by_hand;
};

// User plus system CPU time of this process, in seconds.
inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto sec = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return sec(usage.ru_utime) + sec(usage.ru_stime);
}

// Mean times of one query on one side, per run.
struct Timing {
  double wall_ms = 0, cpu_ms = 0;
};

// Times `body` over every run of a query: mean wall and CPU milliseconds per run.
inline Timing time_runs(size_t runs, const std::function<void(size_t)>& body) {
  auto start = std::chrono::steady_clock::now();
  double cpu_start = cpu_seconds();
  for (size_t i = 0; i < runs; ++i) body(i);
  std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  return {1000 * wall.count() / double(runs), 1000 * (cpu_seconds() - cpu_start) / double(runs)};
}

// Engine values become plain ones; anything else (a node, a path) is rendered as text.
inline Rows plain_rows(const query::Result& result, const graph::Graph& g) {
  Rows rows;
  for (const auto& row : result.rows) {
    std::vector<query::Val> out;
    for (const auto& v : row) {
      if (v.is_null() || v.is<int64_t>() || v.is<double>() || v.is<std::string>() || v.is<bool>())
        out.push_back(v);
      else
        out.push_back(query::Val(query::render(v, g)));
    }
    rows.push_back(std::move(out));
  }
  return rows;
}

// Writes one plain value with a RapidJSON writer (null for anything else).
template <class Writer>
void write_value(Writer& w, const query::Val& v) {
  if (v.is<int64_t>())
    w.Int64(v.as<int64_t>());
  else if (v.is<double>())
    w.Double(v.as<double>());
  else if (v.is<bool>())
    w.Bool(v.as<bool>());
  else if (v.is<std::string>())
    w.String(v.as<std::string>().c_str());
  else
    w.Null();
}

// The string parameter `key` of one run.
inline const std::string& param(const query::Params& params, const char* key) {
  return params.find(key)->second.as<std::string>();
}

// A one-row, one-column count.
inline Rows one(int64_t n) {
  return Rows{{query::Val(n)}};
}

// Point lookup, 1-hop and 2-hop counts anchored at $name, each run with `anchors`.
inline std::vector<QuerySpec> anchored_specs(const graph::Graph& g,
                                             const std::vector<query::Params>& anchors) {
  std::vector<QuerySpec> specs;
  const char* lookup = "MATCH (a {name: $name}) RETURN a.name";
  specs.push_back({"point lookup", lookup, lookup, anchors, [&g](const query::Params& p) {
                     Rows rows;
                     for (graph::VertexId v : exactly_named(g, param(p, "name")))
                       rows.push_back({query::Val(g.node(v).name)});
                     return rows;
                   }});
  const char* hop1 = "MATCH (a {name: $name})-->(b) RETURN count(b)";
  specs.push_back({"1-hop count", hop1, hop1, anchors, [&g](const query::Params& p) {
                     return one(out_degree_by_hand(g, param(p, "name")));
                   }});
  const char* hop2 = "MATCH (a {name: $name})-->(b)-->(c) RETURN count(*)";
  specs.push_back({"2-hop count", hop2, hop2, anchors, [&g](const query::Params& p) {
                     return one(two_hop_by_hand(g, param(p, "name")));
                   }});
  return specs;
}

}  // namespace kg::bench
