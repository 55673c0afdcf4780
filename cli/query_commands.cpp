// kg query: run openCypher statements against a saved graph.
#include <iostream>

#include "cli/commands.h"
#include "cli/io.h"
#include "query/engine.h"

namespace kg::cli {

namespace {

struct QueryArgs {
  std::string graph_path;
  std::string expression;
  std::string script;
  std::string format = "table";
  std::vector<std::string> params;
  int64_t timeout_ms = 0;
  int64_t max_hops = 64;
};

// One statement of a script and where it starts.
struct Statement {
  std::string text;
  int line = 1;
  int column = 1;
};

// Splits a script at ';' outside strings, backtick names and comments.
std::vector<Statement> split_statements(const std::string& s) {
  std::vector<Statement> out;
  Statement cur;
  int line = 1, column = 1;
  bool started = false;
  auto advance = [&](char c) {
    if (c == '\n') ++line, column = 1;
    else ++column;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!started && !std::isspace(static_cast<unsigned char>(c))) {
      started = true;
      cur.line = line;
      cur.column = column;
    }
    if (c == '\'' || c == '"' || c == '`') {
      cur.text += c;
      advance(c);
      for (++i; i < s.size(); ++i) {
        cur.text += s[i];
        advance(s[i]);
        if (s[i] == '\\' && c != '`' && i + 1 < s.size()) {
          cur.text += s[++i];
          advance(s[i]);
        } else if (s[i] == c) {
          break;
        }
      }
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') cur.text += s[i], advance(s[i]), ++i;
      if (i < s.size()) cur.text += s[i], advance(s[i]);
      continue;
    }
    if (c == ';') {
      if (started) out.push_back(cur);
      cur = Statement();
      started = false;
      advance(c);
      continue;
    }
    if (started) cur.text += c;
    advance(c);
  }
  if (started) out.push_back(cur);
  return out;
}

query::Format parse_format(const std::string& f) {
  if (f == "table") return query::Format::kTable;
  if (f == "csv") return query::Format::kCsv;
  if (f == "tsv") return query::Format::kTsv;
  if (f == "json") return query::Format::kJson;
  if (f == "jsonl") return query::Format::kJsonl;
  throw UserError("unknown --format '" + f + "' (table, csv, tsv, json, jsonl)");
}

// --param name=value: the value is a Cypher literal (42, 'text', [1, 2], {a: 1}); anything
// that does not parse as one is taken as a plain string.
query::Params parse_params(const std::vector<std::string>& specs) {
  query::Params params;
  for (const auto& spec : specs) {
    size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UserError("--param takes name=value, not '" + spec + "'");
    std::string name = spec.substr(0, eq), value = spec.substr(eq + 1);
    graph::Graph scratch;
    try {
      auto r = query::run(scratch, "RETURN " + value + " AS v");
      params[name] = r.rows.at(0).at(0);
    } catch (const std::exception&) {
      params[name] = query::Val(value);
    }
  }
  return params;
}

void run_query(const QueryArgs& args) {
  if (args.expression.empty() == args.script.empty())
    throw UserError("give a query with -e or a script with -f (one of them)");
  query::Format format = parse_format(args.format);
  query::Params params = parse_params(args.params);
  query::Options options;
  options.timeout_ms = args.timeout_ms;
  options.max_hops = args.max_hops;
  graph::Graph graph = load_existing_graph(args.graph_path);
  std::string origin = args.script.empty() ? "query" : args.script;
  std::string source = args.script.empty() ? args.expression : read_utf8_file(args.script);
  bool changed = false;
  for (const auto& st : split_statements(source)) {
    try {
      query::Result r = query::run(graph, st.text, params, options);
      changed = changed || r.stats.changed();
      std::cout << query::format_result(r, graph, format);
      if (r.stats.changed())
        std::cerr << "created " << r.stats.nodes_created << " nodes, "
                  << r.stats.relationships_created << " relationships; deleted "
                  << r.stats.nodes_deleted << " nodes, " << r.stats.relationships_deleted
                  << " relationships; set " << r.stats.properties_set << " properties\n";
    } catch (const query::QueryError& error) {
      query::QueryError e = error;
      // Report positions in the script, not in the statement.
      if (e.line == 1) e.column += st.column - 1;
      if (e.line > 0) e.line += st.line - 1;
      if (changed) save_graph_file(graph, args.graph_path);
      throw UserError(query::describe(e, source, origin));
    }
  }
  if (changed) save_graph_file(graph, args.graph_path);
}

}  // namespace

void register_query_commands(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  auto* cmd = app.add_subcommand("query", "Run openCypher queries on a graph");
  cmd->add_option("graph", args->graph_path, "Graph file (JSON)")->required();
  cmd->add_option("-e,--execute", args->expression, "A query to run");
  cmd->add_option("-f,--file", args->script, "A script of queries separated by ';'");
  cmd->add_option("--format", args->format, "table, csv, tsv, json or jsonl")->capture_default_str();
  cmd->add_option("--param", args->params, "A parameter, name=value (value as a Cypher literal)");
  cmd->add_option("--timeout-ms", args->timeout_ms, "Stop a query after this long (0: no limit)");
  cmd->add_option("--max-hops", args->max_hops, "Cap for [*] relationships without upper bound")
      ->capture_default_str();
  cmd->callback([args] { run_query(*args); });
}

}  // namespace kg::cli
