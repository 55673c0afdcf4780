// Result formatting: aligned tables, CSV/TSV, JSON and JSON lines.
#include <algorithm>

#include "query/engine.h"

namespace kg::query {

namespace {

size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

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

std::string format_result(const Result& r, const graph::Graph& g, Format f) {
  std::string out;
  switch (f) {
    case Format::kTable: {
      std::vector<std::vector<std::string>> cells;
      std::vector<size_t> width;
      for (const auto& c : r.columns) width.push_back(display_width(c));
      for (const auto& row : r.rows) {
        std::vector<std::string> line;
        for (size_t i = 0; i < row.size(); ++i) {
          line.push_back(render(row[i], g));
          width[i] = std::max(width[i], display_width(line.back()));
        }
        cells.push_back(std::move(line));
      }
      auto rule = [&] {
        out += "+";
        for (size_t w : width) out += std::string(w + 2, '-') + "+";
        out += "\n";
      };
      auto line = [&](const std::vector<std::string>& v) {
        out += "|";
        for (size_t i = 0; i < v.size(); ++i) {
          out.push_back(' ');
          out.append(v[i]);
          out.append(width[i] - display_width(v[i]) + 1, ' ');
          out.push_back('|');
        }
        out += "\n";
      };
      if (r.columns.empty()) {
        out += "(no columns)\n";
      } else {
        rule();
        line(r.columns);
        rule();
        for (const auto& c : cells) line(c);
        rule();
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
