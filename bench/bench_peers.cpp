// Peer benchmark, kg's side: generates a random graph, exports it as CSV for Kùzu
// (bench/kuzu/bench_kuzu.mjs), and times six queries on kg's openCypher engine and on a
// hand-written Boost.Graph traversal doing the same work. Writes OUTDIR/queries.json (each
// query's text for kg and for Kùzu, its parameters and kg's results, which the Kùzu script
// checks its own against) and OUTDIR/kg_times.tsv (mean times for bench/peers.sh).
// Usage: bench_peers NODES EDGES QUERIES OUTDIR
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/hand_traversal.h"
#include "bench/query_specs.h"
#include "graph/export.h"
#include "graph/graph.h"
#include "query/engine.h"

namespace q = kg::query;
using kg::graph::Graph;
using kg::graph::VertexId;
using namespace kg::bench;
using Clock = std::chrono::steady_clock;

namespace {

std::string node_name(size_t i) {
  std::string s = "n";
  s += std::to_string(i);
  return s;
}

// Length of the shortest directed path of 1..max_hops relationships; -1 when there is none.
// The same algorithm as kg's engine: a bidirectional BFS that grows the smaller frontier by
// one whole level at a time (out-edges from `from`, in-edges from `to`), takes the shortest
// meeting of the first level where the searches meet, and walks the parents back to build
// the path (as kg must, to return one).
int64_t shortest_by_hand(const Graph& g, VertexId from, VertexId to, int64_t max_hops) {
  if (from == to) return -1;
  const auto& s = g.store();
  struct Reached {
    kg::graph::EdgeId edge;
    VertexId parent;
    int64_t depth;
  };
  std::unordered_map<VertexId, Reached> seen[2];
  seen[0].emplace(from, Reached{{}, {}, 0});
  seen[1].emplace(to, Reached{{}, {}, 0});
  std::vector<VertexId> frontier[2] = {{from}, {to}}, next;
  int64_t level[2] = {0, 0};
  while (!frontier[0].empty() && !frontier[1].empty() && level[0] + level[1] < max_hops) {
    int side = frontier[1].size() < frontier[0].size() ? 1 : 0;
    auto& mine = seen[side];
    const auto& theirs = seen[1 - side];
    int64_t best = -1;
    VertexId meet{};
    next.clear();
    auto reach = [&](const kg::graph::EdgeId& e, VertexId v, VertexId w) {
      if (!mine.emplace(w, Reached{e, v, level[side] + 1}).second) return;
      next.push_back(w);
      auto met = theirs.find(w);
      if (met != theirs.end() && (best < 0 || level[side] + 1 + met->second.depth < best))
        best = level[side] + 1 + met->second.depth, meet = w;
    };
    for (VertexId v : frontier[side]) {
      if (side == 0)
        for (auto [i, end] = boost::out_edges(v, s); i != end; ++i)
          reach(*i, v, boost::target(*i, s));
      else
        for (auto [i, end] = boost::in_edges(v, s); i != end; ++i)
          reach(*i, v, boost::source(*i, s));
    }
    ++level[side];
    frontier[side].swap(next);
    if (best < 0) continue;
    std::vector<kg::graph::EdgeId> path;
    for (VertexId v = meet; v != from; v = seen[0].at(v).parent) path.push_back(seen[0].at(v).edge);
    std::reverse(path.begin(), path.end());
    for (VertexId v = meet; v != to; v = seen[1].at(v).parent) path.push_back(seen[1].at(v).edge);
    return int64_t(path.size());
  }
  return -1;
}

Rows count_by_type_by_hand(const Graph& g) {
  const auto& s = g.store();
  std::vector<int64_t> counts(g.strings().size(), 0);
  for (auto [i, end] = boost::edges(s); i != end; ++i) ++counts[s[*i].relation];
  std::map<std::string, int64_t> by_name;
  for (size_t id = 0; id < counts.size(); ++id)
    if (counts[id]) by_name[g.strings()[id]] = counts[id];
  Rows rows;
  for (const auto& [type, count] : by_name) rows.push_back({q::Val(type), q::Val(count)});
  return rows;
}

// Writes over a buffer larger than the last-level cache, so that the next run finds none of
// the graph cached.
void evict_caches() {
  static std::vector<unsigned char> junk(64u << 20);
  for (size_t i = 0; i < junk.size(); i += 64) ++junk[i];
}

double thread_cpu_seconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Times each run alone, after evicting the caches (outside the timing): median wall and thread
// CPU milliseconds per run. The median keeps a run preempted by other jobs from counting.
Timing time_cold(size_t runs, const std::function<void(size_t)>& body) {
  std::vector<double> wall, cpu;
  for (size_t i = 0; i < runs; ++i) {
    evict_caches();
    double cpu_start = thread_cpu_seconds();
    auto start = Clock::now();
    body(i);
    wall.push_back(1000 * std::chrono::duration<double>(Clock::now() - start).count());
    cpu.push_back(1000 * (thread_cpu_seconds() - cpu_start));
  }
  return {median(wall), median(cpu)};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: bench_peers NODES EDGES QUERIES OUTDIR\n";
    return 2;
  }
  size_t nodes = std::strtoull(argv[1], nullptr, 10), edges = std::strtoull(argv[2], nullptr, 10);
  size_t queries = std::strtoull(argv[3], nullptr, 10);
  std::string outdir = argv[4];
  if (nodes < 2 || queries < 1) {
    std::cerr << "bench_peers: need NODES >= 2 and QUERIES >= 1\n";
    return 2;
  }

  // The graph: uniform random relationships, no self-loops. With no self-loop no pattern here
  // can meet the same relationship twice, so Kùzu (which allows that) must agree with kg.
  std::mt19937_64 rng(42);
  auto start = Clock::now();
  Graph g;
  std::vector<VertexId> vs;
  vs.reserve(nodes);
  static const char* kLabels[] = {"Person", "Place", "Organization", "Other"};
  static const char* kTypes[] = {"meet", "visit", "member_of", "say"};
  std::uniform_int_distribution<size_t> pick(0, nodes - 1), pick_label(0, 3);
  for (size_t i = 0; i < nodes; ++i)
    vs.push_back(
        g.add_node({kLabels[pick_label(rng)]}, {{"name", kg::graph::Value(node_name(i))}}));
  for (size_t i = 0; i < edges; ++i) {
    size_t from = pick(rng), to = pick(rng);
    while (to == from) to = pick(rng);
    g.add_edge(vs[from], vs[to], kTypes[pick_label(rng)]);
  }
  double build_s = std::chrono::duration<double>(Clock::now() - start).count();
  start = Clock::now();
  kg::graph::write_csv(g, kg::graph::select_subgraph(g, {}), outdir);
  double csv_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("graph: %zu nodes, %zu relationships; built in %.1f s, CSV written in %.1f s to %s\n",
              g.node_count(), g.edge_count(), build_s, csv_s, outdir.c_str());

  std::vector<q::Params> anchors, pairs;
  for (size_t i = 0; i < queries; ++i) anchors.push_back({{"name", q::Val(node_name(pick(rng)))}});
  // A shortest path search may visit most of the graph: a tenth as many of those.
  for (size_t i = 0; i < std::max<size_t>(1, queries / 10); ++i) {
    size_t from = pick(rng), to = pick(rng);
    while (to == from) to = pick(rng);
    pairs.push_back({{"from", q::Val(node_name(from))}, {"to", q::Val(node_name(to))}});
  }
  // The whole-graph aggregation runs a few times only: each run reads every relationship.
  std::vector<q::Params> whole(std::min<size_t>(queries, 3));
  const std::array<uint32_t, 3> three_types = {g.intern("meet"), g.intern("visit"),
                                               g.intern("say")};

  std::vector<QuerySpec> specs = anchored_specs(g, anchors);
  const char* typed3 =
      "MATCH (a {name: $name})-[:meet]->(b)-[:visit]->(c)-[:say]->(d) RETURN count(*)";
  specs.push_back({"3-edge typed path", typed3, typed3, anchors, [&](const q::Params& p) {
                     return one(typed_path_by_hand(g, param(p, "name"), three_types));
                   }});
  specs.push_back(
      {"shortest path",
       "MATCH p = shortestPath((a {name: $from})-[*..10]->(b {name: $to})) RETURN length(p)",
       "MATCH p = (a {name: $from})-[* SHORTEST 1..10]->(b {name: $to}) RETURN length(p)", pairs,
       [&](const q::Params& p) {
         auto from = exactly_named(g, param(p, "from")), to = exactly_named(g, param(p, "to"));
         int64_t hops =
             from.size() == 1 && to.size() == 1 ? shortest_by_hand(g, from[0], to[0], 10) : -1;
         return hops < 0 ? Rows{} : one(hops);
       }});
  specs.push_back({"count by type",
                   "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type",
                   "MATCH ()-[r]->() RETURN label(r) AS type, count(*) AS n ORDER BY type", whole,
                   [&](const q::Params&) { return count_by_type_by_hand(g); }});

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("nodes");
  json.Uint64(g.node_count());
  json.Key("relationships");
  json.Uint64(g.edge_count());
  json.Key("queries");
  json.StartArray();
  std::ofstream times(outdir + "/kg_times.tsv");
  times << "query\tkg_ms\tkg_cpu_ms\thand_ms\thand_cpu_ms\truns\n";
  struct ColdLine {
    std::string name;
    size_t runs;
    Timing kg, hand;
  };
  std::vector<ColdLine> cold_lines;
  bool all_agree = true;
  std::printf("%-18s %6s %10s %10s %10s %10s %8s\n", "query", "runs", "kg ms", "kg cpu", "hand ms",
              "hand cpu", "kg/hand");
  for (const auto& spec : specs) {
    std::vector<Rows> engine(spec.runs.size()), hand(spec.runs.size());
    // Prepared once, as Kùzu's side prepares its statements: each run executes it with new
    // parameters.
    q::PreparedQuery prepared(spec.kg_text);
    // One untimed pass over every run on both sides first: each side is then timed on the
    // same warm caches. (Warming only one run let the side timed second find the nodes the
    // first had just touched in cache: a few hundred anchors' neighbourhoods fit in L2/L3.)
    for (const auto& params : spec.runs) {
      prepared.run(g, params);
      spec.by_hand(params);
    }
    Timing kg_time = time_runs(spec.runs.size(), [&](size_t i) {
      engine[i] = plain_rows(prepared.run(g, spec.runs[i]), g);
    });
    Timing hand_time =
        time_runs(spec.runs.size(), [&](size_t i) { hand[i] = spec.by_hand(spec.runs[i]); });
    // The same runs again, each on cold caches: what a query on a large graph pays when its
    // neighbourhood has not just been visited (the warm means above let a side that re-visits
    // the same few hundred anchors quickly keep them cached).
    Timing kg_cold = time_cold(spec.runs.size(), [&](size_t i) {
      engine[i] = plain_rows(prepared.run(g, spec.runs[i]), g);
    });
    Timing hand_cold =
        time_cold(spec.runs.size(), [&](size_t i) { hand[i] = spec.by_hand(spec.runs[i]); });
    cold_lines.push_back({spec.name, spec.runs.size(), kg_cold, hand_cold});
    size_t disagree = 0;
    for (size_t i = 0; i < spec.runs.size(); ++i) disagree += engine[i] != hand[i];
    all_agree = all_agree && disagree == 0;
    std::printf("%-18s %6zu %10.3f %10.3f %10.3f %10.3f %8.2f%s\n", spec.name.c_str(),
                spec.runs.size(), kg_time.wall_ms, kg_time.cpu_ms, hand_time.wall_ms,
                hand_time.cpu_ms, kg_time.wall_ms / std::max(hand_time.wall_ms, 1e-6),
                disagree ? "  DISAGREE" : "");
    if (disagree)
      std::fprintf(stderr, "bench_peers: %s: kg and hand-written differ on %zu of %zu runs\n",
                   spec.name.c_str(), disagree, spec.runs.size());
    times << spec.name << '\t' << kg_time.wall_ms << '\t' << kg_time.cpu_ms << '\t'
          << hand_time.wall_ms << '\t' << hand_time.cpu_ms << '\t' << spec.runs.size() << '\n';

    json.StartObject();
    json.Key("name");
    json.String(spec.name.c_str());
    json.Key("kg");
    json.String(spec.kg_text.c_str());
    json.Key("kuzu");
    json.String(spec.kuzu_text.c_str());
    json.Key("runs");
    json.StartArray();
    for (size_t i = 0; i < spec.runs.size(); ++i) {
      json.StartObject();
      json.Key("params");
      json.StartObject();
      for (const auto& [key, value] : spec.runs[i]) {
        json.Key(key.c_str());
        write_value(json, value);
      }
      json.EndObject();
      json.Key("rows");
      json.StartArray();
      for (const auto& row : engine[i]) {
        json.StartArray();
        for (const auto& v : row) write_value(json, v);
        json.EndArray();
      }
      json.EndArray();
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  std::printf("each run alone on cold caches (median per run):\n");
  std::printf("%-18s %6s %10s %10s %10s %10s %8s\n", "query", "runs", "kg ms", "kg cpu", "hand ms",
              "hand cpu", "kg/hand");
  for (const auto& line : cold_lines)
    std::printf("%-18s %6zu %10.4f %10.4f %10.4f %10.4f %8.2f\n", line.name.c_str(), line.runs,
                line.kg.wall_ms, line.kg.cpu_ms, line.hand.wall_ms, line.hand.cpu_ms,
                line.kg.wall_ms / std::max(line.hand.wall_ms, 1e-6));
  std::ofstream(outdir + "/queries.json") << buffer.GetString() << '\n';
  if (!times.flush()) {
    std::cerr << "bench_peers: cannot write " << outdir << "/kg_times.tsv\n";
    return 1;
  }
  return all_agree ? 0 : 1;
}
