// Prepared statements: the front end (lexer, parser, binder) and the planner run once per
// statement text; executions reuse the result.
#include <memory>
#include <unordered_map>

#include "query/binder.h"
#include "query/exec.h"
#include "query/parser.h"
#include "query/procedure/registry.h"

namespace kg::query {

// A bound syntax tree and its plans. The plans point into the tree, so it never moves: a
// Compiled is only ever held by a shared_ptr.
struct PreparedQuery::Compiled {
  Query query;
  QueryPlan plan;
  std::vector<std::string> columns;  // the query's, or the plan's for EXPLAIN and PROFILE

  explicit Compiled(std::string_view text) : query(parse(text)) {
    bind(query);
    plan = plan_query(query);
    columns = query.mode == Mode::kRun ? query.columns : explain_columns(query.mode);
  }
  Compiled(const Compiled&) = delete;
  Compiled& operator=(const Compiled&) = delete;
};

PreparedQuery::PreparedQuery(std::string_view text)
    : compiled_(std::make_shared<const Compiled>(text)) {}

Result PreparedQuery::run(graph::Graph& g, const Params& params, const Options& options) const {
  const Compiled& c = *compiled_;
  switch (c.query.mode) {
    case Mode::kRun:
      break;
    case Mode::kExplain:
      return explain(c.query, c.plan, nullptr);
    case Mode::kProfile: {
      std::vector<OpProfile> profile;
      Result run = execute(c.query, c.plan, g, params, options, &profile);
      Result r = explain(c.query, c.plan, &profile);
      r.stats = run.stats;
      return r;
    }
  }
  return execute(c.query, c.plan, g, params, options);
}

const std::vector<std::string>& PreparedQuery::columns() const {
  return compiled_->columns;
}

void check(std::string_view query) {
  Query q = parse(query);
  bind(q);
}

namespace {

// Transparent hashing: a cache hit builds no std::string.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

Result run(graph::Graph& g, std::string_view query, const Params& params, const Options& options) {
  // Per thread, so that no lock is taken; bounded, so that a stream of distinct statements
  // (a script, the fuzzer) cannot grow it without end.
  static thread_local std::unordered_map<std::string, PreparedQuery, TextHash, std::equal_to<>>
      cache;
  // Statements bound to procedures registered or removed since are compiled again.
  static thread_local uint64_t generation = 0;
  if (uint64_t now = procedure_generation(); now != generation) {
    cache.clear();
    generation = now;
  }
  auto it = cache.find(query);
  if (it == cache.end()) {
    PreparedQuery prepared(query);
    if (cache.size() >= 256) cache.clear();
    it = cache.emplace(std::string(query), std::move(prepared)).first;
  }
  // A copy keeps the statement alive should the cache be cleared by a nested run.
  PreparedQuery statement = it->second;
  return statement.run(g, params, options);
}

}  // namespace kg::query
