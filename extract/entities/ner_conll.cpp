#include "extract/entities/ner_conll.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kg::extract {
namespace {

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string field;
  while (in >> field) fields.push_back(field);
  return fields;
}

// conlleval.pl's endOfChunk: does a chunk end between prev and cur?
bool chunk_ends(char prev, const std::string& prev_type, char cur, const std::string& cur_type) {
  if (prev == 'E' || prev == 'S') return true;
  if ((prev == 'B' || prev == 'I') && (cur == 'B' || cur == 'S' || cur == 'O')) return true;
  return prev != 'O' && prev_type != cur_type;
}

// conlleval.pl's startOfChunk: does a chunk start at cur?
bool chunk_starts(char prev, const std::string& prev_type, char cur, const std::string& cur_type) {
  if (cur == 'B' || cur == 'S') return true;
  if ((prev == 'E' || prev == 'S' || prev == 'O') && (cur == 'E' || cur == 'I')) return true;
  return cur != 'O' && prev_type != cur_type;
}

}  // namespace

std::pair<char, std::string> split_tag(const std::string& tag) {
  if (tag.empty() || tag == "O") return {'O', ""};
  size_t dash = tag.find('-');
  if (dash == std::string::npos) return {'I', tag};
  char prefix = tag[0];
  if (prefix == 'L') prefix = 'E';
  if (prefix == 'U') prefix = 'S';
  return {prefix, tag.substr(dash + 1)};
}

std::vector<ConllDocument> parse_conll(std::istream& in, const std::string& name) {
  std::vector<ConllDocument> docs(1);
  std::vector<ConllLine> sentence;
  auto flush = [&] {
    if (!sentence.empty()) docs.back().sentences.push_back(std::move(sentence));
    sentence.clear();
  };
  std::string line;
  size_t line_no = 0, width = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields = split_fields(line);
    if (fields.empty()) {
      flush();
      continue;
    }
    if (fields[0] == "-DOCSTART-") {
      flush();
      if (!docs.back().sentences.empty()) docs.emplace_back();
      continue;
    }
    if (fields.size() < 2)
      throw std::runtime_error(name + ":" + std::to_string(line_no) +
                               ": expected a token and at least one tag column");
    if (width == 0) width = fields.size();
    if (fields.size() != width)
      throw std::runtime_error(name + ":" + std::to_string(line_no) + ": expected " +
                               std::to_string(width) + " columns, found " +
                               std::to_string(fields.size()));
    ConllLine entry;
    entry.form = fields[0];
    entry.columns.assign(fields.begin() + 1, fields.end());
    sentence.push_back(std::move(entry));
  }
  flush();
  if (docs.back().sentences.empty() && docs.size() > 1) docs.pop_back();
  return docs;
}

std::vector<ConllDocument> read_conll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return parse_conll(in, path);
}

std::vector<Chunk> chunks_from_tags(const std::vector<std::string>& tags) {
  std::vector<Chunk> chunks;
  char prev = 'O';
  std::string prev_type;
  bool open = false;
  Chunk current;
  for (size_t i = 0; i < tags.size(); ++i) {
    auto [cur, cur_type] = split_tag(tags[i]);
    if (open && chunk_ends(prev, prev_type, cur, cur_type)) {
      current.last = static_cast<uint32_t>(i - 1);
      chunks.push_back(current);
      open = false;
    }
    if (chunk_starts(prev, prev_type, cur, cur_type)) {
      current = Chunk{static_cast<uint32_t>(i), static_cast<uint32_t>(i), cur_type};
      open = true;
    }
    prev = cur;
    prev_type = cur_type;
  }
  if (open) {
    current.last = static_cast<uint32_t>(tags.size() - 1);
    chunks.push_back(current);
  }
  return chunks;
}

std::vector<std::string> iob2_tags(const std::vector<Chunk>& chunks, size_t n) {
  std::vector<std::string> tags(n, "O");
  for (const Chunk& c : chunks) {
    for (uint32_t i = c.first; i <= c.last && i < n; ++i)
      tags[i] = (i == c.first ? "B-" : "I-") + c.type;
  }
  return tags;
}

}  // namespace kg::extract
