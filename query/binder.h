// Binder: resolves variable names to row slots and raises the semantic errors of openCypher
// (UndefinedVariable, VariableTypeConflict, VariableAlreadyBound, NoExpressionAlias, ...).
#pragma once

#include <string>
#include <string_view>

#include "query/ast.h"

namespace kg::query {

// Annotates `q` in place (slots, bound flags, column names); throws QueryError (SyntaxError).
void bind(Query& q);

// What a function name is: unknown, a plain function with an arity range, or an aggregate.
struct FunctionInfo {
  bool known = false;
  bool aggregate = false;
  int min_args = 0;
  int max_args = 0;  // -1: any number
};
FunctionInfo function_info(std::string_view lowercase_name);

// A structural key of an expression: equal keys mean the same expression text modulo spacing.
std::string expr_key(const Expr& e);

// True when the expression contains an aggregate call outside nested list comprehensions.
bool has_aggregate(const Expr& e);

}  // namespace kg::query
