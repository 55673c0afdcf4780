// Splitting lines of tab-separated files (CoNLL-U, CaRB tuples, alias tables), and reading the
// small hand-kept data files (alias table, first names).
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kg::base {

// The fields of a line between tabs, empty ones included ("a\t\tb" has three). The views point
// into `line`.
inline std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

// Calls fn(line, number) for each line of a data file that is neither blank nor a "#" comment,
// without its "\r". Throws std::runtime_error "path: cannot open WHAT" if it cannot be read.
template <class F>
void for_each_data_line(const std::string& path, std::string_view what, F fn) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open " + std::string(what));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    fn(line, number);
  }
}

}  // namespace kg::base
