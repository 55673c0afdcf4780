// Query errors named the way the openCypher TCK names them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace kg::query {

// One error: type ("SyntaxError", "TypeError", "ArgumentError", ...), the TCK detail code
// ("UndefinedVariable", "InvalidArgumentType", ...), and where it is when known (1-based).
struct QueryError : std::runtime_error {
  QueryError(std::string type, std::string code, std::string message, int line = 0, int column = 0,
             bool compile_time = true);
  std::string type;
  std::string code;
  int line;
  int column;
  bool compile_time;
};

// "line:column: Type (Code): message" followed by the source line and a caret under the column.
std::string describe(const QueryError& e, std::string_view source, std::string_view origin = "");

// Shorthands for the engine's own throws.
[[noreturn]] void syntax_error(std::string code, std::string message, int line, int column);
[[noreturn]] void type_error(std::string code, std::string message);
[[noreturn]] void argument_error(std::string code, std::string message);

}  // namespace kg::query
