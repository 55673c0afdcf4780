// Splitting lines of tab-separated files (CoNLL-U, CaRB tuples, alias tables).
#pragma once

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

}  // namespace kg::base
