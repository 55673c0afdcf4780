// Meta-commands (":save", ":schema", ...) of the shell and of query scripts.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/reports.h"
#include "cli/session.h"

namespace kg::cli {

namespace {

// Deep enough for scripts that source helpers; shallow enough to stop a script sourcing itself.
constexpr int kMaxSourceDepth = 16;

std::string rest_after_words(std::string_view text, size_t words) {
  size_t i = 0;
  for (size_t w = 0; w < words; ++w) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  }
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return std::string(text.substr(i));
}

void need_args(const std::vector<std::string>& w, size_t least, size_t most, const char* usage) {
  if (w.size() - 1 < least || w.size() - 1 > most) throw UserError(std::string("usage: ") + usage);
}

}  // namespace

void Session::help(std::ostream& out) {
  out << "Statements end with ';' and may span lines; // and /* */ are comments.\n"
         "Meta-commands (one line each):\n"
         "  :help                      this text\n"
         "  :quit  (or Ctrl-D)         leave; asks about unsaved changes (:quit! drops them)\n"
         "  :load FILES...             extract articles into the open graph\n"
         "  :source SCRIPT             run a script of statements and meta-commands\n"
         "  :save [PATH]               save the graph (to PATH, which becomes its file)\n"
         "  :save!                     save even over a change another writer made meanwhile\n"
         "  :export dot|graphml|csv|html PATH [QUERY]\n"
         "                             write the graph, or what QUERY returns\n"
         "  :mode table|csv|tsv|json|jsonl\n"
         "  :param NAME => VALUE       set $NAME (VALUE is a Cypher literal)\n"
         "  :params                    list parameters\n"
         "  :stats                     counts by type and relation, top entities\n"
         "  :schema                    labels, relationship types, property keys, counts\n"
         "  :timing on|off             show how long each query took\n"
         "  :max-memory SIZE|off       memory a query may take (500M, 4G; default 2G)\n"
         "  :timeout MS|off            time a query may take (default 600000: ten minutes)\n"
         "  :why A B                   the sentences behind the relations from A to B\n"
         "Ctrl-C cancels a running query; Ctrl-R searches the history.\n";
}

void Session::schema(std::ostream& out) {
  const graph::Store& store = graph_.store();
  std::map<std::string, size_t> labels, types;
  std::map<std::string, std::set<std::string>> label_keys, type_keys;
  for (auto [it, end] = boost::vertices(store); it != end; ++it) {
    const graph::Node& n = store[*it];
    std::vector<std::string> keys = graph_.node_keys(*it);
    if (n.labels.empty()) ++labels["(no label)"];
    for (const auto& l : n.labels) {
      ++labels[l];
      label_keys[l].insert(keys.begin(), keys.end());
    }
  }
  for (auto [it, end] = boost::edges(store); it != end; ++it) {
    std::string type(graph_.relation(*it));
    ++types[type];
    std::vector<std::string> keys = graph_.edge_keys(*it);
    type_keys[type].insert(keys.begin(), keys.end());
  }
  auto list = [&](const char* title, const auto& counts, const auto& keys) {
    out << title << "\n";
    for (const auto& [name, count] : counts) {
      out << "  " << name << "\t" << count;
      auto k = keys.find(name);
      if (k != keys.end() && !k->second.empty()) {
        out << "\t{";
        bool first = true;
        for (const auto& key : k->second) out << (first ? "" : ", ") << key, first = false;
        out << "}";
      }
      out << "\n";
    }
  };
  out << graph_.node_count() << " nodes, " << graph_.edge_count() << " relationships\n";
  list("labels", labels, label_keys);
  list("relationship types", types, type_keys);
}

void Session::export_command(const std::vector<std::string>& words, const std::string& rest) {
  if (words.size() < 3) throw UserError("usage: :export dot|graphml|csv|html PATH [QUERY]");
  const std::string& kind = words[1];
  const std::string& path = words[2];
  if (kind != "dot" && kind != "graphml" && kind != "csv" && kind != "html")
    throw UserError("cannot export as '" + kind + "' (dot, graphml, csv, html)");
  graph::Subgraph sub;
  if (rest.empty()) {
    graph::ExportOptions whole;
    if (kind == "html") whole.max_nodes = kHtmlMaxNodes;
    sub = graph::select_subgraph(graph_, whole);
  } else {
    options.cancel = &cancel;
    cancel.store(false);
    query::Result r = query::run(graph_, rest, params, options);
    for (const auto& row : r.rows)
      for (const auto& v : row) collect_graph_values(v, graph_, sub);
    std::sort(sub.nodes.begin(), sub.nodes.end());
    sub.nodes.erase(std::unique(sub.nodes.begin(), sub.nodes.end()), sub.nodes.end());
    std::set<uint64_t> seen;
    std::vector<graph::EdgeId> edges;
    for (const auto& e : sub.edges)
      if (seen.insert(graph_.edge(e).id).second) edges.push_back(e);
    sub.edges = std::move(edges);
  }
  refuse_graph_as_output(path_, path);
  if (kind == "csv") {
    std::filesystem::create_directories(path);
    graph::write_csv(graph_, sub, path);
  } else {
    Output out(path);
    if (kind == "dot")
      graph::write_dot(graph_, sub, out.stream());
    else if (kind == "html")
      graph::write_html(graph_, sub, {html_title(path_, rest.empty() ? "" : rest)}, out.stream());
    else
      graph::write_graphml(graph_, sub, out.stream());
    out.close();
  }
  info() << "wrote " << sub.nodes.size() << " nodes and " << sub.edges.size()
         << " relationships to " << path;
  if (sub.left_out) info() << " (" << sub.left_out << " less connected nodes left out)";
  info() << "\n";
}

void Session::run_meta(const ScriptItem& item) {
  std::vector<std::string> w = split_words(item.text);
  const std::string command = w.empty() ? "" : w[0];
  if (command == ":help" || command == ":h" || command == ":?") {
    help(info());
  } else if (command == ":quit" || command == ":q" || command == ":exit") {
    quit_ = true;
  } else if (command == ":quit!" || command == ":q!") {
    quit_ = discard_ = true;
  } else if (command == ":load") {
    need_args(w, 1, 1u << 20, ":load FILES...");
    size_t nodes = graph_.node_count(), edges = graph_.edge_count();
    unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    extract_into_graph(graph_, {w.begin() + 1, w.end()}, threads, false, info());
    mark_changed();
    info() << "graph: " << graph_.node_count() << " nodes (+" << graph_.node_count() - nodes
           << "), " << graph_.edge_count() << " relations (+" << graph_.edge_count() - edges
           << "); unsaved until :save\n";
  } else if (command == ":source") {
    need_args(w, 1, 1, ":source SCRIPT");
    if (source_depth_ >= kMaxSourceDepth) throw UserError(":source nested too deeply");
    std::string text = read_utf8_file(w[1]);
    ++source_depth_;
    int failures = run_script(text, w[1], true);
    --source_depth_;
    if (failures) throw UserError(":source " + w[1] + " stopped at an error");
  } else if (command == ":save" || command == ":save!") {
    need_args(w, 0, 1, ":save [PATH]");
    save(w.size() > 1 ? w[1] : "", command == ":save!");
    info() << "saved " << path_ << " (" << graph_.node_count() << " nodes, " << graph_.edge_count()
           << " relations)\n";
  } else if (command == ":export") {
    export_command(w, w.size() > 3 ? rest_after_words(item.text, 3) : "");
  } else if (command == ":mode") {
    need_args(w, 1, 1, ":mode table|csv|tsv|json|jsonl");
    format = parse_format(w[1]);
  } else if (command == ":param") {
    std::string spec = rest_after_words(item.text, 1);
    size_t arrow = spec.find("=>");
    std::string name = spec.substr(0, arrow == std::string::npos ? 0 : arrow);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    if (!name.empty() && name[0] == '$') name.erase(0, 1);
    if (arrow == std::string::npos || name.empty() || name.find(' ') != std::string::npos)
      throw UserError("usage: :param NAME => VALUE");
    params[name] = parse_param_value(spec.substr(arrow + 2));
  } else if (command == ":params") {
    for (const auto& [name, value] : params)
      info() << "$" << name << " => " << query::render(value, graph_) << "\n";
    if (params.empty()) info() << "no parameters\n";
  } else if (command == ":stats") {
    write_stats(graph_, path_.empty() ? "graph" : path_, 10, info());
  } else if (command == ":schema") {
    schema(info());
  } else if (command == ":max-memory") {
    need_args(w, 1, 1, ":max-memory SIZE|off");
    options.max_memory = parse_max_memory(w[1]);
    info() << "queries may take "
           << (options.max_memory ? std::to_string(options.max_memory >> 20) + " MiB"
                                  : "any memory")
           << "\n";
  } else if (command == ":timeout") {
    need_args(w, 1, 1, ":timeout MS|off");
    char* end = nullptr;
    long long ms = w[1] == "off" ? 0 : std::strtoll(w[1].c_str(), &end, 10);
    if (w[1] != "off" && (end == w[1].c_str() || *end != '\0' || ms < 0))
      throw UserError("usage: :timeout MS|off (milliseconds, 0 or off: no limit)");
    options.timeout_ms = ms;
    info() << (ms ? "queries stop after " + std::to_string(ms) + " ms" : "queries may run any time")
           << "\n";
  } else if (command == ":timing") {
    need_args(w, 1, 1, ":timing on|off");
    if (w[1] != "on" && w[1] != "off") throw UserError("usage: :timing on|off");
    timing = w[1] == "on";
  } else if (command == ":why") {
    need_args(w, 2, 2, ":why A B  (quote names with blanks: :why \"Antonio Guterres\" Kyiv)");
    write_why(graph_, w[1], w[2], info());
  } else {
    throw UserError("unknown meta-command '" + command + "' (:help lists them)");
  }
}

}  // namespace kg::cli
