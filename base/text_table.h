// Boxed tables of text for terminals and plain-text output:
//   +------+-----+
//   | name | n   |
//   +------+-----+
//   | Zoë  | 3   |
//   +------+-----+
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kg::base {

// Draws `header` and `rows` (each as many cells as the header). Columns are as wide as their
// widest cell in characters; line breaks and tabs in cells become spaces. With max_width > 0 the
// widest column is narrowed, one character at a time and not below 3, until the table fits, and a
// cell that was cut ends in "…".
std::string draw_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows, size_t max_width = 0);

}  // namespace kg::base
