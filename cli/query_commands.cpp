// kg query: run openCypher statements and meta-commands against a saved graph.
#include <sys/ioctl.h>
#include <unistd.h>

#include <iostream>
#include <iterator>
#include <optional>

#include "cli/commands.h"
#include "cli/io.h"
#include "cli/script.h"
#include "cli/session.h"

namespace kg::cli {

namespace {

struct QueryArgs {
  std::string graph_path;
  std::string expression;
  std::string script;
  std::string format = "table";
  std::vector<std::string> params;
  std::string dot_path;
  std::string html_path;
  int64_t timeout_ms = kDefaultTimeoutMs;
  int64_t max_hops = 64;
  std::string max_memory;
  bool keep_going = false;
  double lock_timeout = kDefaultLockTimeout;
};

// --param name=value: the value is a Cypher literal; anything else is a plain string.
query::Params parse_params(const std::vector<std::string>& specs) {
  query::Params params;
  for (const auto& spec : specs) {
    size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UserError("--param takes name=value, not '" + spec + "'");
    params[spec.substr(0, eq)] = parse_param_value(spec.substr(eq + 1));
  }
  return params;
}

void run_query(const QueryArgs& args) {
  if (!args.expression.empty() && !args.script.empty())
    throw UserError("give a query with -e or a script with -f, not both");
  bool from_stdin = args.expression.empty() && args.script.empty();
  if (from_stdin && ::isatty(0))
    throw UserError(
        "give a query with -e, a script with -f, or statements on stdin "
        "(kg shell is the interactive way)");
  query::Format format = parse_format(args.format);
  std::string origin, source;
  if (!args.expression.empty()) {
    source = args.expression;
  } else if (!args.script.empty()) {
    origin = args.script;
    source = read_utf8_file(args.script);
  } else {
    origin = "<stdin>";
    source.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  // A script that may change the graph holds its writer lock from the read to the save, so
  // that two such scripts run one after the other; read-only queries take no lock.
  std::optional<GraphLock> lock;
  if (may_change_graph(source)) lock.emplace(args.graph_path, args.lock_timeout);
  Session session(args.graph_path, false);
  session.lock_timeout = args.lock_timeout;
  session.json_array_per_statement = args.expression.empty();
  session.format = format;
  session.params = parse_params(args.params);
  session.options.timeout_ms = args.timeout_ms;
  session.options.max_hops = args.max_hops;
  if (!args.max_memory.empty()) session.options.max_memory = parse_max_memory(args.max_memory);
  session.collect_returned = !args.dot_path.empty() || !args.html_path.empty();
  struct winsize ws {};
  if (::isatty(1) && ::ioctl(1, TIOCGWINSZ, &ws) == 0) session.width = ws.ws_col;
  int failures = session.run_script(source, origin, !args.keep_going);
  session.finish_output();
  // Changes are kept: kg query saves what its statements changed unless :quit! dropped them.
  if (session.dirty() && !session.discard_requested()) session.save();
  if (!args.dot_path.empty()) session.write_returned_dot(args.dot_path);
  if (!args.html_path.empty()) session.write_returned_html(args.html_path);
  if (failures > 0)
    throw UserError(std::to_string(failures) + " statement" + (failures == 1 ? "" : "s") +
                    " failed");
}

}  // namespace

void register_query_commands(CLI::App& app) {
  auto args = std::make_shared<QueryArgs>();
  auto* cmd = app.add_subcommand(
      "query", "Run openCypher queries on a graph (-e, -f SCRIPT, or statements on stdin)");
  cmd->add_option("graph", args->graph_path, "Graph file (JSON)")->required();
  cmd->add_option("-e,--execute", args->expression, "A query to run");
  cmd->add_option("-f,--file", args->script,
                  "A script: statements ending with ';' and :meta-commands (one per line)");
  cmd->add_option("--format", args->format, "table, csv, tsv, json or jsonl")
      ->capture_default_str();
  cmd->add_option("--param", args->params, "A parameter, name=value (value as a Cypher literal)");
  cmd->add_option("--dot", args->dot_path,
                  "Write the nodes, relationships and paths the queries returned as DOT");
  cmd->add_option("--html", args->html_path,
                  "Write them as an HTML page to explore (as kg export --format html)");
  cmd->add_option("--timeout-ms", args->timeout_ms, "Stop a query after this long (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--max-memory", args->max_memory,
                  "Memory a query may take, e.g. 500M or 4G (0 or off: no limit; default 2G, or "
                  "half the machine's memory when less)");
  cmd->add_option("--lock-timeout", args->lock_timeout,
                  "Seconds a script that changes the graph waits while another command writes it");
  cmd->add_option("--max-hops", args->max_hops, "Cap for [*] relationships without upper bound")
      ->capture_default_str();
  auto* fail_fast = cmd->add_flag("--fail-fast{false}", args->keep_going,
                                  "Stop at the first failing statement (the default)");
  cmd->add_flag("--continue", args->keep_going, "Run the remaining statements after an error")
      ->excludes(fail_fast);
  cmd->callback([args] { run_query(*args); });
}

}  // namespace kg::cli
