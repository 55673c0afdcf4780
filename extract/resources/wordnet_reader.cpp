#include "extract/resources/wordnet_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kg::extract::wordnet {

std::unordered_map<uint32_t, Synset> read_data_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open WordNet file " + path);
  std::unordered_map<uint32_t, Synset> synsets;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;  // licence header lines start with spaces
    std::istringstream fields(line.substr(0, line.find(" | ")));
    Synset s;
    std::string type, count_hex;
    fields >> s.offset >> s.lexfile >> type >> count_hex;
    if (!fields) continue;
    unsigned words = std::stoul(count_hex, nullptr, 16);
    for (unsigned w = 0; w < words; ++w) {
      std::string word, lex_id;
      fields >> word >> lex_id;
      size_t marker = word.find('(');  // adjective markers such as "(a)"
      if (marker != std::string::npos) word.resize(marker);
      s.words.push_back(word);
    }
    unsigned pointers = 0;
    fields >> pointers;
    for (unsigned p = 0; p < pointers && fields; ++p) {
      Pointer ptr;
      std::string pos, source_target;
      fields >> ptr.symbol >> ptr.target >> pos >> source_target;
      ptr.pos = pos.empty() ? 'n' : pos[0];
      if (source_target.size() == 4) {
        ptr.source_word = static_cast<uint8_t>(std::stoul(source_target.substr(0, 2), nullptr, 16));
        ptr.target_word = static_cast<uint8_t>(std::stoul(source_target.substr(2, 2), nullptr, 16));
      }
      s.pointers.push_back(ptr);
    }
    unsigned frames = 0;
    if (type == "v" && fields >> frames) {
      for (unsigned f = 0; f < frames && fields; ++f) {
        std::string plus, word;
        unsigned frame = 0;
        fields >> plus >> frame >> word;
        if (fields && frame > 0 && frame < 256) s.frames.push_back(static_cast<uint8_t>(frame));
      }
    }
    synsets.emplace(s.offset, std::move(s));
  }
  if (synsets.empty()) throw std::runtime_error("no synsets in WordNet file " + path);
  return synsets;
}

IndexFile read_index_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  if (size < 0)
    throw std::runtime_error("cannot open WordNet file " + path +
                             " (install wordnet-base or set KG_WORDNET)");
  auto text = std::make_shared<std::string>(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(text->data(), size)) throw std::runtime_error("cannot read WordNet file " + path);
  IndexFile file;
  file.text = text;
  const std::string_view all(*text);
  file.lines.reserve(all.size() / 32);
  for (size_t line = 0; line < all.size();) {
    size_t next = all.find('\n', line);
    if (next == std::string_view::npos) next = all.size();
    if (all[line] != ' ' && next > line)  // licence header lines start with spaces
      file.lines.push_back(all.substr(line, next - line));
    line = next + 1;
  }
  return file;
}

std::vector<uint32_t> index_offsets(std::string_view line) {
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  std::istringstream fields{std::string(line)};
  std::string lemma, pos, skip;
  unsigned synsets = 0, pointers = 0;
  fields >> lemma >> pos >> synsets >> pointers;
  std::vector<uint32_t> offsets;
  if (!fields) return offsets;
  for (unsigned p = 0; p < pointers + 2; ++p) fields >> skip;  // pointers, sense counts
  for (unsigned s = 0; s < synsets; ++s) {
    uint32_t offset = 0;
    if (fields >> offset) offsets.push_back(offset);
  }
  return offsets;
}

std::vector<uint32_t> senses_of(const IndexFile& index, std::string_view lemma) {
  auto it = std::lower_bound(
      index.lines.begin(), index.lines.end(), lemma,
      [](std::string_view line, std::string_view key) { return index_lemma(line) < key; });
  if (it == index.lines.end() || index_lemma(*it) != lemma) return {};
  return index_offsets(*it);
}

std::vector<std::pair<std::string, std::string>> read_exceptions(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open WordNet file " + path);
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string inflected, base;
    if (fields >> inflected >> base) pairs.emplace_back(inflected, base);
  }
  return pairs;
}

std::string lemma_text(const std::string& word) {
  std::string text = word;
  for (char& c : text)
    if (c == '_') c = ' ';
  return text;
}

}  // namespace kg::extract::wordnet
