// The syntax tree of a Cypher query, as the parser builds it and the binder annotates it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/value.h"

namespace kg::query {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class Ex {
  kLiteral,      // value
  kParam,        // name
  kVar,          // name, slot
  kProperty,     // kids[0].name
  kIndex,        // kids[0][kids[1]]
  kSlice,        // kids[0][kids[1]..kids[2]] (null kids for open ends)
  kList,         // [kids...]
  kMap,          // {keys[i]: kids[i]}
  kCall,         // name(kids...), distinct
  kCountStar,    // count(*)
  kUnary,        // op kids[0]: "NOT", "-", "+"
  kBinary,       // kids[0] op kids[1]: OR XOR AND = <> < > <= >= + - * / % ^ IN
                 //   STARTS ENDS CONTAINS =~
  kIsNull,       // kids[0] IS NULL (op "NOT" for IS NOT NULL)
  kHasLabels,    // kids[0]:keys...
  kCase,         // subject? (has_subject), then pairs when/then, then else? (has_else)
  kListComp,     // [name IN kids[0] WHERE kids[1] | kids[2]] (null kids when absent), slot
  kQuantifier,   // op(all/any/none/single)(name IN kids[0] WHERE kids[1]), slot
  kReduce,       // reduce(keys[0] = kids[0], name IN kids[1] | kids[2]); slot, slot2
  kPattern,      // a pattern used as an expression (pattern predicate): pattern index
  kPatternComp,  // [pattern WHERE kids[0] | kids[1]]
  kMapProj,      // kids[0]{...}: keys/kids pairs; a key starting '.' is a property selector,
                 //   '*' all properties; a plain key with a kVar kid is "var" shorthand
  kAggRef,       // the value of aggregate number `slot` (planner rewrite)
  kSubquery,     // EXISTS { clauses }: whether `subquery`, run from the row, gives a row
};

struct PatternPart;
struct Function;
struct SingleQuery;
struct SubqueryPlan;  // planner.h

struct Expr {
  Ex kind = Ex::kLiteral;
  std::string op;                // operator or function name (functions lowercased)
  const Function* fn = nullptr;  // kCall: the built-in function called (found by the binder)
  std::string name;              // variable, parameter or property key
  Val value;                     // literal
  std::vector<ExprPtr> kids;
  std::vector<std::string> keys;  // map keys, label names
  bool distinct = false;
  bool has_subject = false;
  bool has_else = false;
  int slot = -1;
  int slot2 = -1;
  std::shared_ptr<PatternPart> pattern;         // for kPattern / kPatternComp
  std::shared_ptr<SingleQuery> subquery;        // kSubquery: its clauses
  std::shared_ptr<const SubqueryPlan> subplan;  // kSubquery: their plans (binder)
  size_t begin = 0, end = 0;                    // source span, for column names
  int line = 0, column = 0;
};

enum class Dir { kLeft, kRight, kBoth };

struct NodePat {
  std::string var;  // "" when anonymous (the binder gives it a hidden slot)
  int slot = -1;
  bool bound = false;  // bound before this clause (or earlier in the same pattern)
  std::vector<std::string> labels;
  ExprPtr props;  // a kMap or kParam expression, or null
  int line = 0, column = 0;
};

struct RelPat {
  std::string var;
  int slot = -1;
  bool bound = false;
  std::vector<std::string> types;
  ExprPtr props;
  Dir dir = Dir::kBoth;
  bool var_length = false;
  int64_t min_hops = 1, max_hops = 1;  // max -1: unbounded (capped by Options)
  int line = 0, column = 0;
};

// Which paths of a pattern part match: all of them, or only the shortest between its ends.
enum class Shortest { kNone, kOne, kAll };  // kOne: shortestPath, kAll: allShortestPaths

struct PatternPart {
  std::string path_var;
  int path_slot = -1;
  Shortest shortest = Shortest::kNone;
  std::vector<NodePat> nodes;
  std::vector<RelPat> rels;  // rels[i] joins nodes[i] and nodes[i + 1]
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct ReturnItem {
  ExprPtr expr;
  std::string alias;  // the column name (the source text when no AS)
  bool explicit_alias = false;
  int slot = -1;
};

struct Projection {
  bool distinct = false;
  bool star = false;
  std::vector<ReturnItem> items;
  std::vector<SortItem> order;
  ExprPtr skip, limit;
  ExprPtr where;  // WITH ... WHERE
};

struct SetItem {
  enum Kind { kProperty, kReplaceMap, kMergeMap, kLabels } kind = kProperty;
  ExprPtr target;  // kProperty: a kProperty expression; else a variable
  ExprPtr value;
  std::vector<std::string> labels;
};

enum class Cl { kMatch, kUnwind, kWith, kReturn, kCreate, kMerge, kSet, kRemove, kDelete, kCall };

struct Procedure;

// CALL ... YIELD output AS alias
struct YieldItem {
  std::string output;
  std::string alias;
  size_t index = 0;  // of the output in the procedure's signature (binder)
  int slot = -1;
  int line = 0, column = 0;
};

struct Clause {
  Cl kind = Cl::kMatch;
  bool optional = false;
  bool detach = false;
  std::vector<PatternPart> patterns;
  ExprPtr where;
  ExprPtr expr;     // UNWIND expression
  std::string var;  // UNWIND alias
  int slot = -1;
  Projection proj;                                      // WITH / RETURN
  std::vector<SetItem> set_items, on_create, on_match;  // SET / REMOVE / MERGE actions
  std::vector<ExprPtr> exprs;                           // DELETE targets, CALL arguments
  // CALL: the procedure's name, what the binder found for it, the arguments (exprs, or the
  // parameters named like the inputs when written without parentheses) and the YIELD items
  // (c.where filters them).
  std::string procedure_name;
  std::shared_ptr<const Procedure> procedure;
  bool implicit_args = false;
  bool yield_star = false;
  std::vector<YieldItem> yields;
  int line = 0, column = 0;
  size_t begin = 0, end = 0;  // source span (EXPLAIN shows it)
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

// EXPLAIN shows the plan without running the statement; PROFILE runs it and shows the plan
// with the rows and time of each operator.
enum class Mode { kRun, kExplain, kProfile };

struct Query {
  Mode mode = Mode::kRun;
  std::string text;                // the statement's source (EXPLAIN and PROFILE show parts of it)
  std::vector<SingleQuery> parts;  // joined by UNION
  std::vector<bool> union_all;     // union_all[i] joins parts[i] and parts[i + 1]
  int slot_count = 0;              // filled by the binder
  std::vector<std::string> columns;
};

}  // namespace kg::query
