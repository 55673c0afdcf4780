// Parser: tokens -> syntax tree, by recursive descent over the openCypher grammar.
#pragma once

#include <string_view>

#include "query/ast.h"

namespace kg::query {

// The deepest nesting of expressions and patterns the parser accepts (deeper is a SyntaxError,
// never a stack overflow).
inline constexpr int kMaxNesting = 400;

// Parses one statement; throws QueryError (SyntaxError with line and column) on bad input.
Query parse(std::string_view source);

}  // namespace kg::query
