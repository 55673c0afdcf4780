// Query benchmark on a graph kg built from text (the sample articles, the BBC articles): the six
// queries of bench_peers on kg's engine and on a hand-written Boost.Graph traversal, with the
// files bench/kuzu/bench_kuzu.mjs needs to run them on Kùzu: kg's CSV export of the graph,
// OUTDIR/queries.json (texts, parameters and kg's results, which Kùzu's must equal) and
// OUTDIR/kg_times.tsv, both in bench_peers' format so bench/run.sh reads them the same way.
// Parameters are drawn from the graph with a fixed seed: anchors among named nodes, the three
// relation types of the typed path chosen as the triple with the most paths, and each shortest
// path's target reached from its source by a short random walk, so that a path exists.
// Usage: bench_graph_queries GRAPH.json QUERIES OUTDIR
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bench/hand_traversal.h"
#include "bench/query_specs.h"
#include "graph/export.h"
#include "graph/persist.h"
#include "query/engine.h"

namespace q = kg::query;
using kg::graph::Graph;
using kg::graph::VertexId;
using namespace kg::bench;
using Clock = std::chrono::steady_clock;

namespace {

// Hops of the shortest directed path of 1..max_hops relationships, -1 when there is none.
int64_t shortest_by_hand(const Graph& g, VertexId from, VertexId to, int64_t max_hops) {
  const auto& s = g.store();
  std::unordered_map<VertexId, int64_t> depth{{from, 0}};
  std::deque<VertexId> queue{from};
  while (!queue.empty()) {
    VertexId v = queue.front();
    queue.pop_front();
    int64_t d = depth[v];
    if (d >= max_hops) continue;
    for (auto [i, end] = boost::out_edges(v, s); i != end; ++i) {
      VertexId w = boost::target(*i, s);
      if (w == to) return d + 1;
      if (depth.emplace(w, d + 1).second) queue.push_back(w);
    }
  }
  return -1;
}

Rows count_by_type_by_hand(const Graph& g) {
  const auto& s = g.store();
  std::vector<int64_t> counts(g.strings().size(), 0);
  for (auto [i, end] = boost::edges(s); i != end; ++i) ++counts[s[*i].relation];
  std::map<std::string, int64_t> by_type;
  for (size_t id = 0; id < counts.size(); ++id)
    if (counts[id]) by_type[g.strings()[id]] = counts[id];
  Rows rows;
  for (const auto& [type, n] : by_type) rows.push_back({q::Val(type), q::Val(n)});
  return rows;
}

// The typed path's three different relation types: of the twelve most frequent types, the
// ordered triple with the most paths that start at an anchor (a node the query can be asked
// about), counted per middle relationship from type histograms.
std::array<uint32_t, 3> busiest_type_triple(const Graph& g,
                                            const std::unordered_set<VertexId>& anchors) {
  const auto& s = g.store();
  std::map<uint32_t, int64_t> frequency;
  for (auto [i, end] = boost::edges(s); i != end; ++i) ++frequency[s[*i].relation];
  std::vector<std::pair<int64_t, uint32_t>> by_count;
  for (auto [type, n] : frequency) by_count.push_back({-n, type});
  std::sort(by_count.begin(), by_count.end());
  if (by_count.size() > 12) by_count.resize(12);
  std::vector<uint32_t> top;
  for (auto [n, type] : by_count) top.push_back(type);
  size_t k = top.size();
  auto slot = [&](uint32_t type) -> size_t {
    return size_t(std::find(top.begin(), top.end(), type) - top.begin());
  };
  std::vector<int64_t> paths(k * k * k, 0), in_hist(k), out_hist(k);
  for (auto [e, end] = boost::edges(s); e != end; ++e) {
    size_t middle = slot(s[*e].relation);
    if (middle == k) continue;
    std::fill(in_hist.begin(), in_hist.end(), 0);
    std::fill(out_hist.begin(), out_hist.end(), 0);
    for (auto [i, iend] = boost::in_edges(boost::source(*e, s), s); i != iend; ++i)
      if (size_t t = slot(s[*i].relation); t < k && anchors.count(boost::source(*i, s)))
        ++in_hist[t];
    for (auto [o, oend] = boost::out_edges(boost::target(*e, s), s); o != oend; ++o)
      if (size_t t = slot(s[*o].relation); t < k) ++out_hist[t];
    for (size_t a = 0; a < k; ++a)
      for (size_t c = 0; c < k; ++c)
        if (a != middle && c != middle && a != c)
          paths[(a * k + middle) * k + c] += in_hist[a] * out_hist[c];
  }
  if (k < 3) throw std::runtime_error("the graph has fewer than three relation types");
  size_t best = 0;
  for (size_t i = 0; i < paths.size(); ++i)
    if (paths[i] > paths[best]) best = i;
  if (paths[best] == 0) best = (0 * k + 1) * k + 2;  // no typed path at all: the three commonest
  return {top[best / (k * k)], top[(best / k) % k], top[best % k]};
}

// Backquoted when it is no plain identifier (both dialects accept backquotes).
std::string cypher_name(const std::string& type) {
  bool plain = !type.empty() && !std::isdigit(static_cast<unsigned char>(type[0]));
  for (unsigned char c : type) plain = plain && (std::isalnum(c) || c == '_');
  return plain ? type : "`" + type + "`";
}

// A Cypher string literal for Kùzu, which escapes with backslashes.
std::string kuzu_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// queries.json as bench_kuzu.mjs reads it.
std::string queries_json(const Graph& g, const std::vector<QuerySpec>& specs,
                         const std::vector<std::vector<Rows>>& results) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("nodes");
  json.Uint64(g.node_count());
  json.Key("relationships");
  json.Uint64(g.edge_count());
  json.Key("kuzu_schema");
  json.String("one_table");
  json.Key("queries");
  json.StartArray();
  for (size_t q = 0; q < specs.size(); ++q) {
    json.StartObject();
    json.Key("name");
    json.String(specs[q].name.c_str());
    json.Key("kg");
    json.String(specs[q].kg_text.c_str());
    json.Key("kuzu");
    json.String(specs[q].kuzu_text.c_str());
    json.Key("runs");
    json.StartArray();
    for (size_t i = 0; i < specs[q].runs.size(); ++i) {
      json.StartObject();
      json.Key("params");
      json.StartObject();
      for (const auto& [key, value] : specs[q].runs[i]) {
        json.Key(key.c_str());
        write_value(json, value);
      }
      json.EndObject();
      json.Key("rows");
      json.StartArray();
      for (const auto& row : results[q][i]) {
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
  return buffer.GetString();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_graph_queries GRAPH.json QUERIES OUTDIR\n";
    return 2;
  }
  size_t queries = std::strtoull(argv[2], nullptr, 10);
  std::string outdir = argv[3];
  if (queries < 1) {
    std::cerr << "bench_graph_queries: QUERIES must be at least 1\n";
    return 2;
  }
  try {
    auto start = Clock::now();
    Graph g = kg::graph::load_graph(argv[1]);
    double load_s = std::chrono::duration<double>(Clock::now() - start).count();
    // Kùzu keys nodes by name (its fast lookup is by primary key): a name two nodes share gets
    // the later node's id appended, on every side alike.
    std::vector<std::pair<VertexId, std::string>> renames;
    // Kùzu's CSV reader (0.11.3) splits quoted fields at commas and trips over quotes and
    // backslashes: in names and aliases those become ';', ' and /.
    auto kuzu_safe = [](std::string text) {
      std::replace(text.begin(), text.end(), ',', ';');
      std::replace(text.begin(), text.end(), '"', '\'');
      std::replace(text.begin(), text.end(), '\\', '/');
      return text;
    };
    for (auto [v, end] = boost::vertices(g.store()); v != end; ++v) {
      for (auto& alias : g.node(*v).aliases) alias = kuzu_safe(alias);
      std::string name = kuzu_safe(g.node(*v).name);
      if (name != g.node(*v).name) renames.push_back({*v, name});
    }
    for (auto& [v, name] : renames) g.set_node_property(v, "name", kg::graph::Value(name));
    renames.clear();
    for (auto [v, end] = boost::vertices(g.store()); v != end; ++v) {
      const auto& name = g.node(*v).name;
      auto same = exactly_named(g, name);
      if (!name.empty() && same.size() > 1 && same.front() != *v)
        renames.push_back({*v, name + " #" + std::to_string(g.node(*v).id)});
    }
    for (auto& [v, name] : renames) g.set_node_property(v, "name", kg::graph::Value(name));
    // Kùzu holds a text-built graph's hundreds of relation types as one relationship table
    // with the type as a property (bench_kuzu.mjs), so types need no renaming, only the same
    // CSV-safe characters as names.
    size_t retyped = 0;
    for (auto [e, end] = boost::edges(g.store()); e != end; ++e) {
      const std::string& type = g.strings()[g.edge(*e).relation];
      std::string safe = kuzu_safe(type);
      if (safe == type) continue;
      g.edge(*e).relation = g.intern(safe);
      ++retyped;
    }
    kg::graph::write_csv(g, kg::graph::select_subgraph(g, {}), outdir);
    const auto& s = g.store();

    // Anchors: nodes that the name index finds alone, with a relationship out and no self-loop
    // (which Kùzu, unlike openCypher, would walk twice in one pattern). kg's {name: $x} also
    // matches nodes with $x as an alias (WHERE a.name = $x does not); Kùzu and the hand-written
    // side compare names exactly, so names that are also someone's alias are left out.
    std::vector<VertexId> anchors_pool;
    for (auto [v, end] = boost::vertices(s); v != end; ++v) {
      const auto& name = g.node(*v).name;
      if (name.empty() || g.find(name).size() != 1) continue;
      bool self_loop = false;
      for (auto [i, iend] = boost::out_edges(*v, s); i != iend; ++i)
        self_loop |= boost::target(*i, s) == *v;
      if (!self_loop && boost::out_degree(*v, s) > 0) anchors_pool.push_back(*v);
    }
    if (anchors_pool.size() < 2) throw std::runtime_error("fewer than two usable anchor nodes");
    auto types = busiest_type_triple(g, {anchors_pool.begin(), anchors_pool.end()});
    // Typed-path anchors: the nodes where such a path starts, else those with its first type.
    std::vector<VertexId> typed_pool, typed_starts;
    for (VertexId v : anchors_pool)
      for (auto [i, iend] = boost::out_edges(v, s); i != iend; ++i)
        if (s[*i].relation == types[0]) {
          typed_pool.push_back(v);
          if (typed_path_by_hand(g, g.node(v).name, types) > 0) typed_starts.push_back(v);
          break;
        }
    if (!typed_starts.empty()) typed_pool = typed_starts;

    std::mt19937_64 rng(42);
    auto pick = [&](const std::vector<VertexId>& pool) {
      return pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(rng)];
    };
    auto named_param = [&](VertexId v) { return q::Params{{"name", q::Val(g.node(v).name)}}; };
    std::vector<q::Params> anchors, typed_anchors, pairs;
    for (size_t i = 0; i < queries; ++i) {
      anchors.push_back(named_param(pick(anchors_pool)));
      typed_anchors.push_back(named_param(pick(typed_pool.empty() ? anchors_pool : typed_pool)));
    }
    // Shortest paths: the target is where a walk of 1-6 steps from the source ends.
    for (size_t tries = 0; pairs.size() < std::max<size_t>(1, queries / 10) && tries < 100000;
         ++tries) {
      VertexId from = pick(anchors_pool), at = from;
      for (int step = std::uniform_int_distribution<int>(1, 6)(rng); step > 0; --step) {
        size_t degree = boost::out_degree(at, s);
        if (degree == 0) break;
        auto edge = boost::out_edges(at, s).first;
        std::advance(edge, std::uniform_int_distribution<size_t>(0, degree - 1)(rng));
        at = boost::target(*edge, s);
      }
      const auto& to_name = g.node(at).name;
      if (at == from || to_name.empty() || g.find(to_name).size() != 1) continue;
      pairs.push_back({{"from", q::Val(g.node(from).name)}, {"to", q::Val(to_name)}});
    }
    // Whole-graph aggregation: fewer runs the bigger the graph, 3 to 20 (more only repeat the
    // same scan: Kùzu took 78 s for 160 runs on the BBC graph, more than all else together).
    size_t most_whole = std::min<size_t>(queries, 20);
    std::vector<q::Params> whole(std::clamp<size_t>(1000000 / std::max<size_t>(1, g.edge_count()),
                                                    std::min<size_t>(3, most_whole), most_whole));

    std::vector<QuerySpec> specs = anchored_specs(g, anchors);
    std::string typed = "MATCH (a {name: $name})-[:" + cypher_name(g.strings()[types[0]]) +
                        "]->(b)-[:" + cypher_name(g.strings()[types[1]]) +
                        "]->(c)-[:" + cypher_name(g.strings()[types[2]]) + "]->(d) RETURN count(*)";
    std::string kuzu_typed =
        "MATCH (a {name: $name})-[:Rel {type: " + kuzu_string(g.strings()[types[0]]) +
        "}]->(b)-[:Rel {type: " + kuzu_string(g.strings()[types[1]]) +
        "}]->(c)-[:Rel {type: " + kuzu_string(g.strings()[types[2]]) + "}]->(d) RETURN count(*)";
    specs.push_back(
        {"3-edge typed path", typed, kuzu_typed, typed_anchors,
         [&](const q::Params& p) { return one(typed_path_by_hand(g, param(p, "name"), types)); }});
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
                     "MATCH ()-[r]->() RETURN r.type AS type, count(*) AS n ORDER BY type", whole,
                     [&](const q::Params&) { return count_by_type_by_hand(g); }});

    std::printf(
        "graph %s: %zu nodes, %zu relationships, loaded in %.2f s; %zu nodes renamed "
        "apart from a namesake, %zu relationships retyped for Kùzu's CSV reader\ntyped path: %s\n",
        argv[1], g.node_count(), g.edge_count(), load_s, renames.size(), retyped, typed.c_str());
    std::printf("%-18s %6s %10s %10s %10s %10s %8s %10s\n", "query", "runs", "kg ms", "kg cpu",
                "hand ms", "hand cpu", "kg/hand", "mean answer");
    std::ofstream times(outdir + "/kg_times.tsv");
    times << "query\tkg_ms\tkg_cpu_ms\thand_ms\thand_cpu_ms\truns\n";
    std::vector<std::vector<Rows>> results;
    bool all_agree = true;
    for (const auto& spec : specs) {
      size_t runs = spec.runs.size();
      std::vector<Rows> engine(runs), hand(runs);
      q::run(g, spec.kg_text, spec.runs[0]);  // untimed first run on both sides
      spec.by_hand(spec.runs[0]);
      Timing kg_time = time_runs(runs, [&](size_t i) {
        engine[i] = plain_rows(q::run(g, spec.kg_text, spec.runs[i]), g);
      });
      Timing hand_time = time_runs(runs, [&](size_t i) { hand[i] = spec.by_hand(spec.runs[i]); });
      const double kg_ms = kg_time.wall_ms, kg_cpu = kg_time.cpu_ms;
      const double hand_ms = hand_time.wall_ms, hand_cpu = hand_time.cpu_ms;
      size_t disagree = 0;
      double answer = 0;  // mean count (or rows, for the lookup): shows the work is real
      for (size_t i = 0; i < runs; ++i) {
        disagree += engine[i] != hand[i];
        bool counted = engine[i].size() == 1 && engine[i][0].size() == 1 &&
                       engine[i][0][0].is<int64_t>() && spec.name != "point lookup";
        answer += counted ? double(engine[i][0][0].as<int64_t>()) : double(engine[i].size());
      }
      all_agree = all_agree && disagree == 0;
      std::printf("%-18s %6zu %10.4f %10.4f %10.4f %10.4f %8.2f %10.2f%s\n", spec.name.c_str(),
                  runs, kg_ms, kg_cpu, hand_ms, hand_cpu, kg_ms / std::max(hand_ms, 1e-6),
                  answer / double(runs), disagree ? "  DISAGREE" : "  agrees with hand");
      if (disagree)
        std::fprintf(stderr, "bench_graph_queries: %s: kg and hand-written differ on %zu of %zu\n",
                     spec.name.c_str(), disagree, runs);
      times << spec.name << '\t' << kg_ms << '\t' << kg_cpu << '\t' << hand_ms << '\t' << hand_cpu
            << '\t' << runs << '\n';
      results.push_back(std::move(engine));
    }
    std::ofstream(outdir + "/queries.json") << queries_json(g, specs, results) << '\n';
    if (!times.flush()) throw std::runtime_error("cannot write " + outdir + "/kg_times.tsv");
    return all_agree ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "bench_graph_queries: " << e.what() << "\n";
    return 1;
  }
}
