// Store benchmark: builds a graph of N relations (N/4 entities, one evidence sentence each),
// saves it, and reports times and memory; loading is timed in a second, fresh process.
//   bench_store [EDGES] [PATH]          build + save in this process
//   bench_store --load PATH             load only (a fresh process, for clean memory figures)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

#include "graph/persist.h"

using namespace kg::graph;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpu_seconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto sec = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return sec(usage.ru_utime) + sec(usage.ru_stime);
}

// A "VmRSS:" (now) or "VmHWM:" (peak so far) figure of /proc/self/status, in kB.
long status_kb(const char* key = "VmRSS:") {
  std::ifstream status("/proc/self/status");
  std::string line;
  size_t length = std::strlen(key);
  while (std::getline(status, line))
    if (line.compare(0, length, key) == 0) return std::stol(line.substr(length));
  return -1;
}

long resident_kb() {
  return status_kb();
}

void report_load(const std::string& path) {
  long before = resident_kb();
  auto start = Clock::now();
  double cpu_start = cpu_seconds();
  Graph g = load_graph(path);
  double load = seconds_since(start), cpu = cpu_seconds() - cpu_start;
  long after = resident_kb();
  double text = static_cast<double>(g.text_bytes());
  double per_edge = ((after - before) * 1024.0 - text) / static_cast<double>(g.edge_count());
  std::printf("load: %.3f s wall, %.3f s CPU  (%zu nodes, %zu edges)\n", load, cpu, g.node_count(),
              g.edge_count());
  std::printf(
      "memory: %.1f MB resident for the graph, %.1f MB of it evidence text; "
      "%.0f bytes per edge besides its text\n",
      (after - before) / 1024.0, text / 1e6, per_edge);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--load") == 0) {
    report_load(argv[2]);
    return 0;
  }
  size_t edges = argc > 1 ? std::stoul(argv[1]) : 1000000;
  std::string path = argc > 2 ? argv[2] : "/tmp/kg_bench_store.json";
  size_t nodes = std::max<size_t>(2, edges / 4);
  std::mt19937_64 rng(42);
  const char* types[] = {"Person", "Place", "Organization", "Other"};
  const char* relations[] = {"meet", "visit", "capital_of", "send_to", "talk_with", "say", "lead"};

  auto start = Clock::now();
  Graph g;
  uint32_t doc = g.add_document("generated");
  std::vector<VertexId> vs;
  vs.reserve(nodes);
  for (size_t i = 0; i < nodes; ++i)
    vs.push_back(g.add_node({types[i % 4]}, {{"name", Value("Entity " + std::to_string(i))}}));
  for (size_t i = 0; i < edges; ++i) {
    VertexId a = vs[rng() % nodes], b = vs[rng() % nodes];
    Evidence ev;
    ev.document = doc;
    ev.sentence = static_cast<uint32_t>(i);
    ev.end = 80;
    ev.text = g.add_text_unchecked("Sentence " + std::to_string(i) +
                                   " says that one entity met another one in a city on Tuesday.");
    ev.confidence = 0.5f + static_cast<float>(i % 50) / 100.0f;
    Edge edge;
    edge.id = g.next_id();
    edge.relation = g.intern(relations[i % 7]);
    edge.evidence.push_back(ev);
    g.restore_edge(a, b, std::move(edge));
  }
  std::printf("built %zu nodes, %zu edges in %.3f s\n", g.node_count(), g.edge_count(),
              seconds_since(start));
  long before_save = resident_kb();
  start = Clock::now();
  double cpu_start = cpu_seconds();
  save_graph(g, path);
  std::printf("save: %.3f s wall, %.3f s CPU  (%s)\n", seconds_since(start),
              cpu_seconds() - cpu_start, path.c_str());
  // The peak can only have been reached while saving if it exceeds the graph's resident size.
  long peak = status_kb("VmHWM:");
  std::printf(
      "save memory: %.1f MB resident before saving, %.1f MB peak; at most %.1f MB "
      "more while saving\n",
      before_save / 1024.0, peak / 1024.0, std::max(0L, peak - before_save) / 1024.0);
  return 0;
}
