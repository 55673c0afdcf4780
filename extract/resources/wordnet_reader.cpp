#include "extract/resources/wordnet_reader.h"

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

std::string lemma_text(const std::string& word) {
  std::string text = word;
  for (char& c : text)
    if (c == '_') c = ' ';
  return text;
}

}  // namespace kg::extract::wordnet
