// A query session over one graph: what `kg query` scripts and `kg shell` share (running
// statements, printing results, meta-commands, unsaved changes).
#pragma once

#include <atomic>
#include <chrono>
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

#include "cli/graph_lock.h"
#include "cli/script.h"
#include "graph/export.h"
#include "graph/graph.h"
#include "query/engine.h"

namespace kg::cli {

// Parses a --format or :mode name. Throws UserError for an unknown one.
query::Format parse_format(const std::string& name);

// Parses a parameter value written as a Cypher literal (42, 'text', [1, 2], {a: 1}); anything
// that does not parse as one is taken as a plain string.
query::Val parse_param_value(const std::string& text);

// The memory a query may take unless --max-memory / :max-memory say otherwise: 2 GiB, or half
// the machine's memory when that is less.
size_t default_max_memory();

// How long a query may run unless --timeout-ms says otherwise: ten minutes (Memgraph's default
// too). A query that enumerates paths without end (MATCH p=(a)-[*]-(b) ... LIMIT 1 streams in
// bounded memory) would otherwise run until killed.
inline constexpr int64_t kDefaultTimeoutMs = 600'000;

// Parses a --max-memory or :max-memory value ("2G", "500M", "0" or "off" for no limit).
// Throws UserError for anything else.
size_t parse_max_memory(const std::string& text);

class Session {
 public:
  // Opens `graph_path` (a new empty graph when the file does not exist and `may_create`;
  // no file at all when the path is empty).
  Session(std::string graph_path, bool may_create);

  // Runs a whole script; `origin` names it in messages ("example.cypher", "<stdin>").
  // Returns the number of failed items; with `fail_fast` it stops at the first failure.
  int run_script(std::string_view source, const std::string& origin, bool fail_fast);
  // Runs one item cut from `source`; prints errors (with origin:line:column and a caret) to
  // stderr and returns false on failure.
  bool run_item(const ScriptItem& item, std::string_view source, const std::string& origin);

  // Ends the output: closes a JSON array that spans several statements.
  void finish_output();
  // Writes what --dot / --html collected (the nodes, relationships and paths queries returned)
  // as DOT or as an HTML page.
  void write_returned_dot(const std::string& path) const;
  void write_returned_html(const std::string& path) const;

  graph::Graph& graph() { return graph_; }
  const std::string& path() const { return path_; }
  bool dirty() const { return dirty_; }
  // Changes so far, including ones since saved: a counter the shell's completion watches.
  uint64_t generation() const { return generation_; }
  bool quit_requested() const { return quit_; }
  bool discard_requested() const { return discard_; }
  // Cancels a :quit (the user chose to stay).
  void stay() { quit_ = discard_ = false; }
  // Saves to the graph's file (or to `path`, which then becomes the graph's file) under the
  // graph's writer lock. Refuses to save over the graph's own file when another writer replaced
  // it since this session loaded it (its change would be lost), unless `force` (:save!).
  void save(const std::string& path = "", bool force = false);
  // How long a save waits for another writer's lock (--lock-timeout).
  double lock_timeout = kDefaultLockTimeout;

  // Output settings.
  query::Format format = query::Format::kTable;
  bool timing = false;
  // Several statements in JSON format print one array with one element per statement.
  bool json_array_per_statement = false;
  // Table width to fit (0: no limit).
  size_t width = 0;
  // Collect returned nodes, relationships and paths for --dot and --html.
  bool collect_returned = false;
  query::Params params;
  query::Options options;
  // Set by the shell's SIGINT handler; the running query stops at its next check.
  std::atomic<bool> cancel{false};

 private:
  void run_statement(const ScriptItem& item);
  void run_meta(const ScriptItem& item);
  void print_result(const query::Result& result, double ms);
  // Where messages go: stdout for tables, stderr when stdout carries data (CSV, JSON).
  std::ostream& info();
  void export_command(const std::vector<std::string>& words, const std::string& rest);
  graph::Subgraph returned() const;
  void schema(std::ostream& out);
  void help(std::ostream& out);
  void mark_changed();

  FileStamp loaded_stamp_;  // the graph file as it was when loaded (or last saved)
  graph::Graph graph_;
  std::string path_;
  bool dirty_ = false;
  uint64_t generation_ = 0;
  bool quit_ = false, discard_ = false;
  bool json_open_ = false;
  size_t json_items_ = 0;
  int source_depth_ = 0;
  std::set<graph::VertexId> returned_nodes_;
  std::vector<graph::EdgeId> returned_edges_;
};

// Adds the nodes, relationships and paths inside a value (lists and maps too) to `sub`.
void collect_graph_values(const query::Val& value, const graph::Graph& g, graph::Subgraph& sub);

}  // namespace kg::cli
