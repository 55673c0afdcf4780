// Running statements and printing results for kg query and kg shell.
#include "cli/session.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "base/memory.h"
#include "cli/commands.h"
#include "cli/io.h"
#include "cli/reports.h"

namespace kg::cli {

query::Format parse_format(const std::string& name) {
  if (name == "table") return query::Format::kTable;
  if (name == "csv") return query::Format::kCsv;
  if (name == "tsv") return query::Format::kTsv;
  if (name == "json") return query::Format::kJson;
  if (name == "jsonl") return query::Format::kJsonl;
  throw UserError("unknown format '" + name + "' (table, csv, tsv, json, jsonl)");
}

query::Val parse_param_value(const std::string& text) {
  graph::Graph scratch;
  try {
    auto r = query::run(scratch, "RETURN " + text + " AS v");
    return r.rows.at(0).at(0);
  } catch (const std::exception&) {
    return query::Val(text);
  }
}

size_t default_max_memory() {
  size_t two_gib = size_t{2} << 30, half = base::physical_memory_bytes() / 2;
  return half > 0 && half < two_gib ? half : two_gib;
}

size_t parse_max_memory(const std::string& text) {
  if (text == "off") return 0;
  std::optional<size_t> size = base::parse_size(text);
  if (!size) throw UserError("memory budget '" + text + "': expected a size such as 2G or 500M");
  return *size;
}

namespace {

graph::Graph open_graph(const std::string& path, bool may_create) {
  if (path.empty()) return graph::Graph();
  return may_create ? load_graph_or_new(path) : load_existing_graph(path);
}

}  // namespace

// The graph is built in place: Graph is not safe to move-assign (its name index would point
// into the old object).
// The stamp is taken before the file is read: a file replaced in between then looks changed at
// :save (a refusal to overwrite), never unchanged (a lost update).
Session::Session(std::string graph_path, bool may_create)
    : loaded_stamp_(stamp_of(graph_path)),
      graph_(open_graph(graph_path, may_create)),
      path_(std::move(graph_path)) {
  options.max_memory = default_max_memory();
  options.timeout_ms = kDefaultTimeoutMs;
}

void Session::save(const std::string& path, bool force) {
  std::string target = path.empty() ? path_ : path;
  if (target.empty()) throw UserError("this graph has no file yet: :save PATH");
  GraphLock lock(target, lock_timeout);
  if (!force && target == path_ && stamp_of(target) != loaded_stamp_)
    throw UserError(target +
                    ": changed on disk since this session read it (another writer saved it); "
                    ":save! overwrites that change, :save PATH saves elsewhere");
  save_graph_file(graph_, target);
  loaded_stamp_ = stamp_of(target);
  path_ = target;
  dirty_ = false;
}

void Session::mark_changed() {
  dirty_ = true;
  ++generation_;
}

std::ostream& Session::info() {
  return format == query::Format::kTable ? std::cout : std::cerr;
}

int Session::run_script(std::string_view source, const std::string& origin, bool fail_fast) {
  int failures = 0;
  for (const auto& item : split_script(source).items) {
    if (!run_item(item, source, origin)) {
      ++failures;
      if (fail_fast) break;
    }
    if (quit_) break;
  }
  return failures;
}

bool Session::run_item(const ScriptItem& item, std::string_view source, const std::string& origin) {
  try {
    if (item.meta)
      run_meta(item);
    else
      run_statement(item);
    return true;
  } catch (const query::QueryError& error) {
    query::QueryError e = error;
    // Positions in the script, not in the statement.
    if (e.line == 1) e.column += item.column - 1;
    if (e.line > 0) e.line += item.line - 1;
    std::string where = origin;
    // Run-time errors carry no position: name the statement's start instead.
    if (e.line == 0)
      where += (where.empty() ? "" : ":") + std::to_string(item.line) + ":" +
               std::to_string(item.column);
    std::cout.flush();
    std::cerr << "kg: " << query::describe(e, source, where) << "\n";
  } catch (const UserError& e) {
    std::cout.flush();
    std::cerr << "kg: " << (origin.empty() ? "" : origin + ":") << item.line << ":" << item.column
              << ": " << e.what() << "\n";
  }
  return false;
}

void Session::run_statement(const ScriptItem& item) {
  cancel.store(false);
  options.cancel = &cancel;
  size_t nodes = graph_.node_count(), edges = graph_.edge_count();
  auto start = std::chrono::steady_clock::now();
  query::Result result;
  try {
    result = query::run(graph_, item.text, params, options);
  } catch (...) {
    // A failed or cancelled update may have changed part of the graph.
    if (graph_.node_count() != nodes || graph_.edge_count() != edges) mark_changed();
    throw;
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (result.stats.changed()) mark_changed();
  print_result(result, ms);
  const query::Stats& s = result.stats;
  if (s.changed())
    info() << "created " << s.nodes_created << " nodes, " << s.relationships_created
           << " relationships; deleted " << s.nodes_deleted << " nodes, " << s.relationships_deleted
           << " relationships; set " << s.properties_set << " properties\n";
  if (collect_returned) {
    graph::Subgraph sub;
    for (const auto& row : result.rows)
      for (const auto& v : row) collect_graph_values(v, graph_, sub);
    returned_nodes_.insert(sub.nodes.begin(), sub.nodes.end());
    returned_edges_.insert(returned_edges_.end(), sub.edges.begin(), sub.edges.end());
  }
}

void Session::print_result(const query::Result& result, double ms) {
  bool json = format == query::Format::kJson;
  if (json_open_ && !json) finish_output();
  if (json && json_array_per_statement) {
    std::cout << (json_open_ ? ",\n" : "[\n");
    json_open_ = true;
    ++json_items_;
  }
  if (format == query::Format::kTable) {
    // CREATE and friends return nothing to tabulate: their counts follow.
    if (result.columns.empty()) return;
    std::string table = query::format_result(result, graph_, format, width);
    if (timing) {
      char took[48];
      std::snprintf(took, sizeof took, " (%.1f ms)", ms);
      table.insert(table.size() - 1, took);
    }
    std::cout << table;
  } else {
    std::cout << query::format_result(result, graph_, format);
    if (timing) std::cerr << result.rows.size() << " rows (" << ms << " ms)\n";
  }
  std::cout.flush();
}

void Session::finish_output() {
  if (json_open_) std::cout << "]\n";
  json_open_ = false;
  std::cout.flush();
}

void collect_graph_values(const query::Val& value, const graph::Graph& g, graph::Subgraph& sub) {
  using namespace query;
  if (value.is<NodeRef>()) {
    sub.nodes.push_back(value.as<NodeRef>().v);
  } else if (value.is<RelRef>()) {
    graph::EdgeId e = value.as<RelRef>().e;
    sub.edges.push_back(e);
    sub.nodes.push_back(boost::source(e, g.store()));
    sub.nodes.push_back(boost::target(e, g.store()));
  } else if (value.is<PathVal>()) {
    const PathVal& p = value.as<PathVal>();
    sub.nodes.insert(sub.nodes.end(), p.nodes.begin(), p.nodes.end());
    sub.edges.insert(sub.edges.end(), p.rels.begin(), p.rels.end());
  } else if (value.is<VList>()) {
    for (const auto& v : value.as<VList>()) collect_graph_values(v, g, sub);
  } else if (value.is<VMap>()) {
    for (const auto& [key, v] : value.as<VMap>()) collect_graph_values(v, g, sub);
  }
}

graph::Subgraph Session::returned() const {
  graph::Subgraph sub;
  sub.nodes.assign(returned_nodes_.begin(), returned_nodes_.end());
  // Stable output: nodes by id, each relationship once.
  std::sort(sub.nodes.begin(), sub.nodes.end(),
            [&](auto a, auto b) { return graph_.node(a).id < graph_.node(b).id; });
  std::set<uint64_t> seen;
  for (const auto& e : returned_edges_)
    if (seen.insert(graph_.edge(e).id).second) sub.edges.push_back(e);
  return sub;
}

void Session::write_returned_dot(const std::string& path) const {
  refuse_graph_as_output(path_, path);
  Output out(path);
  graph::write_dot(graph_, returned(), out.stream());
  out.close();
}

void Session::write_returned_html(const std::string& path) const {
  refuse_graph_as_output(path_, path);
  Output out(path);
  graph::write_html(graph_, returned(), {html_title(path_, "what the queries returned")},
                    out.stream());
  out.close();
}

}  // namespace kg::cli
