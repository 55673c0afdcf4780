// The operators of expressions (eval_operators.cpp), for the evaluator (eval.cpp).
#pragma once

#include <string>

#include "query/exec.h"

namespace kg::query {

// NOT, unary minus and plus.
Val unary(const Expr& e, Row& row, Ctx& ctx);
// Every kBinary operator (see Ex::kBinary).
Val binary(const Expr& e, Row& row, Ctx& ctx);

// "`what` cannot take a <kind of v>" (TypeError, InvalidArgumentType).
[[noreturn]] void bad_type(const std::string& what, const Val& v);

}  // namespace kg::query
