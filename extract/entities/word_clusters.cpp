#include "extract/entities/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace kg::extract::ner {

WordClusters WordClusters::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  WordClusters clusters;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string word;
    Classes c;
    long value = 0;
    bool ok = static_cast<bool>(std::getline(fields, word, '\t')) && !word.empty();
    for (size_t l = 0; l < kLevels && ok; ++l) {
      ok = static_cast<bool>(fields >> value) && value >= 0 && value < 65536;
      c[l] = static_cast<uint16_t>(value);
    }
    long count = 0;
    if (ok && fields >> count) {
      ok = count > 0 && count <= static_cast<long>(UINT32_MAX);
      clusters.has_counts_ = true;
    }
    if (!ok) throw std::runtime_error(path + ":" + std::to_string(line_no) + ": malformed line");
    clusters.table_.emplace(word, Word{c, static_cast<uint32_t>(count)});
  }
  if (clusters.table_.empty()) throw std::runtime_error(path + ": no clusters");
  return clusters;
}

void WordClusters::save(const std::string& path) const {
  std::vector<std::pair<std::string, Word>> sorted(table_.begin(), table_.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  for (const auto& [word, entry] : sorted) {
    const Classes& c = entry.classes;
    out << word << '\t' << c[0] << '\t' << c[1] << '\t' << c[2];
    if (has_counts_) out << '\t' << entry.count;
    out << '\n';
  }
  if (!out) throw std::runtime_error("error writing " + path);
}

const WordClusters::Classes* WordClusters::find_reliable(std::string_view word) const {
  auto it = table_.find(word);
  if (it == table_.end() || (has_counts_ && it->second.count < kReliableCount)) return nullptr;
  return &it->second.classes;
}

const WordClusters::Classes* WordClusters::find(std::string_view word) const {
  auto it = table_.find(word);
  return it == table_.end() ? nullptr : &it->second.classes;
}

}  // namespace kg::extract::ner
