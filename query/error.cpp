// Query errors: how they are thrown and how they are shown to a person.
#include "query/error.h"

#include <algorithm>

namespace kg::query {

QueryError::QueryError(std::string type, std::string code, std::string message, int line,
                       int column, bool compile_time)
    : std::runtime_error(std::move(message)),
      type(std::move(type)),
      code(std::move(code)),
      line(line),
      column(column),
      compile_time(compile_time) {}

namespace {

// Line `n` (1-based) of `source`, without its newline; the last line when there are fewer.
std::string_view source_line(std::string_view source, int n) {
  size_t start = 0;
  for (int l = 1; l < n && start < source.size(); ++l) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  return source.substr(start, end == std::string_view::npos ? end : end - start);
}

}  // namespace

std::string describe(const QueryError& e, std::string_view source, std::string_view origin) {
  std::string out;
  if (!origin.empty()) out += std::string(origin) + ":";
  if (e.line > 0) out += std::to_string(e.line) + ":" + std::to_string(e.column) + ": ";
  out += e.type + " (" + e.code + "): " + e.what();
  if (e.line > 0) {
    std::string caret(size_t(std::max(e.column - 1, 0)), ' ');
    out += "\n  " + std::string(source_line(source, e.line)) + "\n  " + caret + "^";
  }
  return out;
}

void syntax_error(std::string code, std::string message, int line, int column) {
  throw QueryError("SyntaxError", std::move(code), std::move(message), line, column, true);
}
void type_error(std::string code, std::string message) {
  throw QueryError("TypeError", std::move(code), std::move(message), 0, 0, false);
}
void argument_error(std::string code, std::string message) {
  throw QueryError("ArgumentError", std::move(code), std::move(message), 0, 0, false);
}

}  // namespace kg::query
