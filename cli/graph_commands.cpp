// kg import, kg export, kg stats.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/graph_lock.h"
#include "cli/io.h"
#include "cli/reports.h"
#include "graph/articles.h"
#include "graph/export.h"
#include "graph/import_tsv.h"

namespace kg::cli {

namespace {

struct ImportArgs {
  std::vector<std::string> files;
  std::string graph_path;
  double lock_timeout = kDefaultLockTimeout;
};

void run_import(const ImportArgs& args) {
  GraphLock lock(args.graph_path, args.lock_timeout);  // held from the read to the save
  graph::Graph graph = load_graph_or_new(args.graph_path);
  size_t facts = 0, aliases = 0;
  for (const auto& file : args.files) {
    std::string text = read_utf8_file(file);
    try {
      auto counts = graph::import_tsv(graph, text, file);
      facts += counts.facts;
      aliases += counts.aliases;
    } catch (const graph::GraphError& e) {
      throw UserError(e.what());
    }
  }
  save_graph_file(graph, args.graph_path);
  std::cerr << "imported " << facts << " facts and " << aliases << " aliases; " << args.graph_path
            << " has " << graph.node_count() << " nodes and " << graph.edge_count()
            << " relations\n";
}

struct RemoveArgs {
  std::string graph_path;
  std::vector<std::string> ids;
  double lock_timeout = kDefaultLockTimeout;
};

// kg remove: articles out of a graph, with what only they said. An id the graph does not know
// is an error, and nothing is saved.
void run_remove(const RemoveArgs& args) {
  GraphLock lock(args.graph_path, args.lock_timeout);  // held from the read to the save
  graph::Graph graph = load_existing_graph(args.graph_path);
  graph::Articles articles(graph);
  for (const auto& id : args.ids)
    if (!articles.by_id(id))
      throw UserError(args.graph_path + ": no article with the id \"" + id + "\"");
  size_t removed = 0;
  for (const auto& id : args.ids)
    if (articles.remove_id(id)) ++removed;
  save_graph_file(graph, args.graph_path);
  std::cerr << "removed " << removed << (removed == 1 ? " article" : " articles");
  if (removed < args.ids.size())
    std::cerr << " (" << args.ids.size() - removed << " id(s) of articles still known by another)";
  std::cerr << "; " << args.graph_path << " has " << graph.node_count() << " nodes and "
            << graph.edge_count() << " relations\n";
}

struct ExportArgs {
  std::string graph_path;
  std::string format = "dot";
  std::string output = "-";
  graph::ExportOptions options;
  bool max_nodes_given = false;
};

void run_export(const ExportArgs& args) {
  refuse_graph_as_output(args.graph_path, args.output);
  graph::Graph graph = load_existing_graph(args.graph_path);
  graph::Subgraph sub;
  graph::ExportOptions options = args.options;
  if (args.format == "html" && !args.max_nodes_given) options.max_nodes = kHtmlMaxNodes;
  try {
    sub = graph::select_subgraph(graph, options);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
  if (args.format == "csv") {
    if (args.output.empty() || args.output == "-")
      throw UserError("--format csv writes two files: give a directory with -o");
    try {
      graph::write_csv(graph, sub, args.output);
    } catch (const std::exception& e) {
      throw UserError(e.what());
    }
    return;
  }
  Output out(args.output);
  if (args.format == "dot")
    graph::write_dot(graph, sub, out.stream());
  else if (args.format == "graphml")
    graph::write_graphml(graph, sub, out.stream());
  else if (args.format == "html")
    graph::write_html(
        graph, sub,
        {html_title(args.graph_path, options.focus.empty() ? "" : "around " + options.focus)},
        out.stream());
  else
    graph::write_node_link_json(graph, sub, out.stream());
  out.close();
}

}  // namespace

std::string html_title(const std::string& graph_path, const std::string& what) {
  std::string title = std::filesystem::path(graph_path).stem().string();
  if (title.empty()) title = "graph";
  if (!what.empty()) title += ": " + what;
  return title;
}

namespace {

void run_stats(const std::string& path, size_t top) {
  write_stats(load_existing_graph(path), path, top, std::cout);
}

}  // namespace

void write_stats(const graph::Graph& graph, const std::string& name, size_t top,
                 std::ostream& out) {
  const graph::Store& store = graph.store();
  std::map<std::string, size_t> by_type, by_relation;
  std::vector<std::pair<size_t, graph::VertexId>> degrees;
  // An entity's degree counts its relations, not the articles it is mentioned in.
  auto relations_of = [&](graph::VertexId v) {
    size_t n = 0;
    for (auto [it, end] = boost::out_edges(v, store); it != end; ++it)
      n += graph.relation(*it) != graph::kMentionedIn;
    return n + boost::in_degree(v, store);
  };
  for (auto [it, end] = boost::vertices(store); it != end; ++it) {
    ++by_type[std::string(graph.type(*it))];
    if (graph.type(*it) != graph::kArticle) degrees.emplace_back(relations_of(*it), *it);
  }
  size_t evidence = 0;
  for (auto [it, end] = boost::edges(store); it != end; ++it) {
    ++by_relation[std::string(graph.relation(*it))];
    evidence += store[*it].evidence.size();
  }
  out << name << ": " << graph.node_count() << " nodes, " << graph.edge_count() << " relations, "
      << evidence << " evidence sentences, " << graph.documents().size()
      << " documents\n\nnodes by type\n";
  for (const auto& [type, count] : by_type) out << "  " << type << "\t" << count << "\n";
  std::vector<std::pair<size_t, std::string>> relations;
  for (const auto& [relation, count] : by_relation) relations.emplace_back(count, relation);
  std::stable_sort(relations.begin(), relations.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  out << "\nrelations by type\n";
  for (const auto& [count, relation] : relations) out << "  " << relation << "\t" << count << "\n";
  std::stable_sort(degrees.begin(), degrees.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : store[a.second].id < store[b.second].id;
  });
  if (degrees.size() > top) degrees.resize(top);
  out << "\ntop entities by degree\n";
  for (const auto& [degree, v] : degrees)
    out << "  " << store[v].name << " (" << graph.type(v) << ")\t" << degree << "\n";
}

void register_graph_commands(CLI::App& app) {
  auto import_args = std::make_shared<ImportArgs>();
  auto* import = app.add_subcommand("import", "Add hand-made facts from TSV files to a graph file");
  import
      ->add_option("files", import_args->files,
                   "TSV files: subject, relation, object[, subject type, object type]")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("-g,--graph", import_args->graph_path, "Graph file to create or extend")
      ->required();
  import->add_option("--lock-timeout", import_args->lock_timeout,
                     "Seconds to wait while another command writes the graph");
  import->callback([import_args] { run_import(*import_args);
});

auto export_args = std::make_shared<ExportArgs>();
auto* exporter =
    app.add_subcommand("export", "Write a graph as DOT, GraphML, JSON, CSV or an HTML page");
exporter->add_option("graph", export_args->graph_path, "Graph file")->required();
exporter
    ->add_option("-f,--format", export_args->format,
                 "dot, graphml, json, csv, or html (one page to explore the graph in a browser)")
    ->check(CLI::IsMember({"dot", "graphml", "json", "csv", "html"}));
exporter->add_option("-o,--output", export_args->output,
                     "Output file (- for stdout); a directory for csv");
exporter->add_option("--focus", export_args->options.focus,
                     "Only the neighbourhood of this entity (name or alias)");
exporter->add_option("--depth", export_args->options.depth, "Hops around --focus")
    ->check(CLI::Range(0, 100));
exporter
    ->add_option("--max-nodes", export_args->options.max_nodes,
                 "Keep at most N nodes, the best connected (html: 300 unless given; 0 = all)")
    ->each([export_args](const std::string&) { export_args->max_nodes_given = true; });
exporter->callback([export_args] { run_export(*export_args); });

auto remove_args = std::make_shared<RemoveArgs>();
auto* remover = app.add_subcommand(
    "remove", "Remove articles (by id) and the facts and entities only they gave");
remover->add_option("graph", remove_args->graph_path, "Graph file")->required();
remover
    ->add_option("ids", remove_args->ids, "Article ids (the path given to kg build, or a JSONL id)")
    ->required();
remover->add_option("--lock-timeout", remove_args->lock_timeout,
                    "Seconds to wait while another command writes the graph");
remover->callback([remove_args] { run_remove(*remove_args); });

auto stats_path = std::make_shared<std::string>();
auto top = std::make_shared<size_t>(10);
auto* stats = app.add_subcommand("stats", "Counts by node type and relation, top entities");
stats->add_option("graph", *stats_path, "Graph file")->required();
stats->add_option("--top", *top, "How many top entities to list");
stats->callback([stats_path, top] { run_stats(*stats_path, *top); });
}  // namespace kg::cli

}  // namespace kg::cli
