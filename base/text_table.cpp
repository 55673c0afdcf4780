#include "base/text_table.h"

#include <algorithm>
#include <numeric>

#include "base/utf8.h"

namespace kg::base {
namespace {

// The first `width` characters of `s`, the last one an ellipsis when anything was cut.
std::string fit(const std::string& s, size_t width) {
  if (utf8_length(s) <= width) return s;
  if (width == 0) return "";
  return s.substr(0, utf8_offset(s, width - 1)) + "…";
}

// One line per cell: line breaks and tabs would break the grid.
std::string flatten(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

}  // namespace

std::string draw_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows, size_t max_width) {
  const size_t n = header.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  for (const auto* line : {&header}) cells.push_back(*line);
  for (const auto& row : rows) cells.push_back(row);
  std::vector<size_t> widths(n, 1);
  for (auto& line : cells)
    for (size_t i = 0; i < n; ++i) {
      line[i] = flatten(std::move(line[i]));
      widths[i] = std::max(widths[i], utf8_length(line[i]));
    }
  // "| a | b |": three characters of frame per column plus one.
  const size_t frame = 3 * n + 1;
  if (max_width > frame) {
    constexpr size_t kLeast = 3;
    while (std::accumulate(widths.begin(), widths.end(), frame) > max_width) {
      auto widest = std::max_element(widths.begin(), widths.end());
      if (*widest <= kLeast) break;
      --*widest;
    }
  }
  std::string out;
  auto rule = [&] {
    out += "+";
    for (size_t w : widths) out += std::string(w + 2, '-') + "+";
    out += "\n";
  };
  auto line = [&](const std::vector<std::string>& v) {
    out += "|";
    for (size_t i = 0; i < n; ++i) {
      std::string cell = fit(v[i], widths[i]);
      out += " " + cell + std::string(widths[i] - utf8_length(cell) + 1, ' ') + "|";
    }
    out += "\n";
  };
  rule();
  line(cells[0]);
  rule();
  for (size_t i = 1; i < cells.size(); ++i) line(cells[i]);
  rule();
  return out;
}

}  // namespace kg::base
