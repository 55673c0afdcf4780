// Result tables for terminals: aligned columns that fit the screen.
#include <algorithm>
#include <numeric>

#include "cli/session.h"

namespace kg::cli {

namespace {

// Characters on screen: UTF-8 continuation bytes take no column.
size_t display_width(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `width` characters of `s`, the last one an ellipsis when anything was cut.
std::string fit(const std::string& s, size_t width) {
  if (display_width(s) <= width) return s;
  if (width == 0) return "";
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    bool starts_char = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts_char && ++chars > width - 1) break;
    out += s[i];
  }
  return out + "…";
}

// One line per cell: line breaks and tabs would break the grid.
std::string flatten(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

}  // namespace

std::string format_table(const query::Result& r, const graph::Graph& g, size_t width) {
  std::string out;
  const size_t n = r.columns.size();
  if (n == 0) {
    out += "(no columns)\n";
  } else {
    std::vector<std::vector<std::string>> cells;
    cells.push_back({});
    for (const auto& c : r.columns) cells.back().push_back(flatten(c));
    for (const auto& row : r.rows) {
      cells.push_back({});
      for (const auto& v : row) cells.back().push_back(flatten(query::render(v, g)));
    }
    std::vector<size_t> widths(n, 1);
    for (const auto& line : cells)
      for (size_t i = 0; i < n; ++i) widths[i] = std::max(widths[i], display_width(line[i]));
    // "| a | b |": three characters of frame per column plus one.
    size_t frame = 3 * n + 1;
    if (width > frame) {
      // Narrow the widest column one character at a time until the table fits.
      const size_t least = 3;
      while (std::accumulate(widths.begin(), widths.end(), frame) > width) {
        auto widest = std::max_element(widths.begin(), widths.end());
        if (*widest <= least) break;
        --*widest;
      }
    }
    auto rule = [&] {
      out += "+";
      for (size_t w : widths) out += std::string(w + 2, '-') + "+";
      out += "\n";
    };
    auto line = [&](const std::vector<std::string>& v) {
      out += "|";
      for (size_t i = 0; i < n; ++i) {
        std::string cell = fit(v[i], widths[i]);
        out += " " + cell + std::string(widths[i] - display_width(cell) + 1, ' ') + "|";
      }
      out += "\n";
    };
    rule();
    line(cells[0]);
    rule();
    for (size_t i = 1; i < cells.size(); ++i) line(cells[i]);
    rule();
  }
  out += std::to_string(r.rows.size()) + (r.rows.size() == 1 ? " row\n" : " rows\n");
  return out;
}

}  // namespace kg::cli
