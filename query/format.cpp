// Result formatting: aligned tables, CSV/TSV, JSON and JSON lines.
#include <algorithm>

#include "base/text_table.h"
#include "query/engine.h"

namespace kg::query {

namespace {

std::string csv_field(const std::string& s, char sep) {
  if (s.find_first_of(std::string(1, sep) + "\"\n\r") == std::string::npos) return s;
  if (sep == '\t') {
    std::string out;
    for (char c : s) out += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    return out;
  }
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string format_result(const Result& r, const graph::Graph& g, Format f, size_t table_width) {
  std::string out;
  switch (f) {
    case Format::kTable: {
      if (r.columns.empty()) {
        out += "(no columns)\n";
      } else {
        std::vector<std::vector<std::string>> cells;
        cells.reserve(r.rows.size());
        for (const auto& row : r.rows) {
          cells.emplace_back();
          for (const auto& v : row) cells.back().push_back(render(v, g));
        }
        out = base::draw_table(r.columns, cells, table_width);
      }
      out += std::to_string(r.rows.size()) + (r.rows.size() == 1 ? " row\n" : " rows\n");
      return out;
    }
    case Format::kCsv:
    case Format::kTsv: {
      char sep = f == Format::kCsv ? ',' : '\t';
      for (size_t i = 0; i < r.columns.size(); ++i) {
        if (i) out.push_back(sep);
        out.append(csv_field(r.columns[i], sep));
      }
      out += "\n";
      for (const auto& row : r.rows) {
        for (size_t i = 0; i < row.size(); ++i) {
          if (i) out.push_back(sep);
          out.append(csv_field(render(row[i], g, false), sep));
        }
        out += "\n";
      }
      return out;
    }
    case Format::kJson:
    case Format::kJsonl: {
      bool lines = f == Format::kJsonl;
      if (!lines) out += "[";
      for (size_t n = 0; n < r.rows.size(); ++n) {
        if (!lines && n) out += ",";
        out += lines ? "" : "\n  ";
        out += "{";
        for (size_t i = 0; i < r.columns.size(); ++i) {
          if (i) out += ",";
          graph::append_json_string(out, r.columns[i]);
          out += ":";
          render_json(out, r.rows[n][i], g);
        }
        out += "}";
        if (lines) out += "\n";
      }
      if (!lines) out += r.rows.empty() ? "]\n" : "\n]\n";
      return out;
    }
  }
  return out;
}

}  // namespace kg::query
