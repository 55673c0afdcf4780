// The built-in functions of the query language in one table: for each, its name, how many
// arguments it takes, what kind of function it is and its implementation. The binder looks
// every call up once (Expr::fn) and reports unknown names and wrong arities; the evaluator
// and the aggregation then call the entry's implementation directly, never by name.
// The entries are defined next to their implementations, one family per file
// (graph.cpp, string.cpp, list.cpp, convert.cpp, math.cpp, aggregate.cpp, temporal.cpp);
// registry.cpp joins
// the families.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "query/value.h"

namespace kg::query {

struct Accumulator;
struct Ctx;
struct Expr;
struct Function;
using Row = std::vector<Val>;

enum class FunctionKind {
  kScalar,     // one value from the values of its arguments
  kAggregate,  // one value from the argument's values over the rows of a group
  kSpecial,    // reads its argument expressions themselves (exists() takes a pattern)
};

// When a scalar function's value is null whatever it would compute, so it is not called.
enum class NullArgs {
  kFirst,  // the first argument is null
  kAny,    // any argument is null
  kNever,  // the function looks at nulls itself (coalesce)
};

// What the binder rejects as a first argument (InvalidArgumentType at the argument) when the
// query's text already shows it: a variable holding a node, a relationship or a path, or a
// literal that is neither null, a boolean nor a map. kNoPattern rejects a pattern (size()).
enum ArgCheck : unsigned {
  kNoNodeVar = 1u << 0,
  kNoRelVar = 1u << 1,
  kNoPathVar = 1u << 2,
  kNoValueLiteral = 1u << 3,
  kNoPattern = 1u << 4,
};

// A scalar function over its evaluated arguments (`self` names it in error messages).
using ScalarFn = Val (*)(const Function& self, std::vector<Val>& args, Ctx& ctx);
// A special function over its unevaluated call.
using SpecialFn = Val (*)(const Expr& call, Row& row, Ctx& ctx);
// Adds one non-null argument value (a new one, under DISTINCT) to a group's state; `call` and
// `row` give access to further arguments (the percentile of percentileDisc).
using AccumulateFn = void (*)(const Function& self, Accumulator& acc, Val v, const Expr& call,
                              Row& row, Ctx& ctx);
// Hands out, one at a time, the elements of the list a scalar function would return (UNWIND
// range(1, 50000000) builds no list of 50 million values). Given the arguments after the null
// check, as `scalar` is.
template <class Signature>
class FunctionRef;  // exec.h
using EachFn = void (*)(const Function& self, std::vector<Val>& args, Ctx& ctx,
                        FunctionRef<void(Val)> each);
// The aggregate's value over everything accumulated.
using ResultFn = Val (*)(const Function& self, const Accumulator& acc);

inline constexpr int kVariadic = -1;

struct Function {
  std::string_view name;  // lowercase; calls match it in any case
  FunctionKind kind = FunctionKind::kScalar;
  int min_args = 1;
  int max_args = 1;  // or kVariadic
  ScalarFn scalar = nullptr;
  EachFn each = nullptr;  // optional, beside `scalar`: its list's elements without the list
  NullArgs nulls = NullArgs::kFirst;
  // May be given an entity deleted earlier in the query (id() and type() still read it).
  bool reads_deleted = false;
  // Gives another value each call (rand()): aggregating it is refused.
  bool random = false;
  unsigned arg_checks = 0;  // ArgCheck bits
  SpecialFn special = nullptr;
  AccumulateFn accumulate = nullptr;
  ResultFn result = nullptr;

  bool aggregate() const { return kind == FunctionKind::kAggregate; }
  bool takes(size_t args) const {
    return int(args) >= min_args && (max_args == kVariadic || int(args) <= max_args);
  }
};

// The built-in function called `name` (in any case), or nullptr when there is none.
const Function* find_function(std::string_view name);

// Every built-in function, family by family (for tests and listings).
std::vector<const Function*> all_functions();

}  // namespace kg::query
