// JSON Lines: one JSON value per line (kg extract's facts, article collections).
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace kg::base {

// A line that is not JSON; what() is "path:line:column: reason".
struct JsonlError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Calls visit(json, where) with each non-blank line of `text` parsed, `where` being "path:line"
// for the visitor's own errors. Throws JsonlError for a line that is not JSON. Parsing is
// iterative, so deep nesting cannot exhaust the stack.
template <class Visit>
void for_each_json_line(std::string_view path, std::string_view text, Visit visit) {
  size_t line_number = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = std::string(path) + ":" + std::to_string(line_number);
    rapidjson::Document json;
    json.Parse<rapidjson::kParseIterativeFlag>(line.c_str(), line.size());
    if (json.HasParseError())
      throw JsonlError(where + ":" + std::to_string(json.GetErrorOffset() + 1) + ": " +
                       rapidjson::GetParseError_En(json.GetParseError()));
    visit(json, where);
  }
}

}  // namespace kg::base
