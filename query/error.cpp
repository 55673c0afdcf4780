// Query errors: how they are thrown and how they are shown to a person.
#include "query/error.h"

#include <algorithm>

#include "base/utf8.h"

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

// At most this many bytes of the line are shown on each side of the caret: a one-line query of a
// megabyte must not put a megabyte on stderr.
constexpr size_t kContext = 60;

// The part of `line` shown around byte `at` (0-based), with "..." where it was cut, and the
// caret's offset in it.
std::pair<std::string, size_t> excerpt(std::string_view line, size_t at) {
  at = std::min(at, line.size());
  size_t from = at > kContext ? at - kContext : 0;
  size_t to = std::min(line.size(), at + kContext);
  while (from > 0 && !base::starts_character(line[from])) --from;  // whole characters only
  while (to < line.size() && !base::starts_character(line[to])) ++to;
  std::string shown = from > 0 ? "..." : "";
  size_t caret = shown.size() + base::utf8_length(line.substr(from, at - from));
  shown += line.substr(from, to - from);
  if (to < line.size()) shown += "...";
  return {shown, caret};
}

}  // namespace

std::string describe(const QueryError& e, std::string_view source, std::string_view origin) {
  std::string out;
  if (!origin.empty()) out += std::string(origin) + ":";
  if (e.line > 0) out += std::to_string(e.line) + ":" + std::to_string(e.column) + ": ";
  out += e.type + " (" + e.code + "): " + e.what();
  if (e.line > 0) {
    auto [shown, caret] = excerpt(source_line(source, e.line), size_t(std::max(e.column - 1, 0)));
    out += "\n  " + shown + "\n  " + std::string(caret, ' ') + "^";
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
