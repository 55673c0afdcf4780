// Binder: resolves variable names to row slots and raises the semantic errors of openCypher
// (UndefinedVariable, VariableTypeConflict, VariableAlreadyBound, NoExpressionAlias, ...).
#pragma once

#include <string>
#include <string_view>

#include "query/ast.h"

namespace kg::query {

// Annotates `q` in place (slots, bound flags, column names); throws QueryError (SyntaxError).
void bind(Query& q);

// A structural key of an expression: equal keys mean the same expression text modulo spacing.
std::string expr_key(const Expr& e);

// True for count(*) and for calls of aggregating functions (once bind() resolved them).
bool is_aggregate(const Expr& e);

// True when the expression contains an aggregate call.
bool has_aggregate(const Expr& e);

}  // namespace kg::query
