// The openCypher engine: run a query against a graph and get columns and rows back.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"
#include "query/error.h"
#include "query/value.h"

namespace kg::query {

// Query parameters ($name).
using Params = std::map<std::string, Val, std::less<>>;

// Limits that keep a query from running away.
struct Options {
  // Upper bound for var-length relationships written without one ([*], [*2..]).
  int64_t max_hops = 64;
  // Wall-clock budget; 0 for none. Exceeding it is a QueryError (ResourceError, Timeout).
  int64_t timeout_ms = 0;
  // Most rows any clause may produce; exceeding it is a QueryError (ResourceError, RowLimit).
  size_t max_rows = 50'000'000;
  // Most memory the query may add to the process (resident bytes over what it held when the
  // query started, sampled every few milliseconds); exceeding it is a QueryError
  // (ResourceError, MemoryLimitExceeded). 0 for none.
  size_t max_memory = 0;
  // Set from another thread or a signal handler to stop the query: it then throws QueryError
  // (Interrupted, Cancelled), "query cancelled". Null for none.
  const std::atomic<bool>* cancel = nullptr;
};

// What a query changed (the TCK's side effects, as the engine counts them).
struct Stats {
  int64_t nodes_created = 0, nodes_deleted = 0;
  int64_t relationships_created = 0, relationships_deleted = 0;
  int64_t properties_set = 0, labels_added = 0, labels_removed = 0;
  bool changed() const {
    return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
           properties_set || labels_added || labels_removed;
  }
};

struct Result {
  std::vector<std::string> columns;
  std::vector<std::vector<Val>> rows;
  Stats stats;
};

// A statement parsed, bound and planned once, then run as often as wanted with other
// parameters, as a driver's prepared statement: each run skips the front end and the planner.
// Copies share the compiled statement, which runs only read.
class PreparedQuery {
 public:
  // Throws QueryError for syntax and semantic errors.
  explicit PreparedQuery(std::string_view text);
  // Executes the statement. Throws QueryError on runtime errors.
  Result run(graph::Graph& g, const Params& params = {}, const Options& options = {}) const;
  // The names of the result columns.
  const std::vector<std::string>& columns() const;

  struct Compiled;

 private:
  std::shared_ptr<const Compiled> compiled_;
};

// Parses, binds, plans and executes one statement. Throws QueryError on any error. The
// compiled statement is kept by text (a few hundred per thread), so running the same text
// again costs what PreparedQuery::run does.
Result run(graph::Graph& g, std::string_view query, const Params& params = {},
           const Options& options = {});

// Parses and binds only: throws QueryError for syntax and semantic errors.
void check(std::string_view query);

// Output formats for results.
enum class Format { kTable, kCsv, kTsv, kJson, kJsonl };
// Writes a result in the given format (values in Cypher notation for table/CSV/TSV).
std::string format_result(const Result& r, const graph::Graph& g, Format f, size_t table_width = 0);

}  // namespace kg::query
