// A minimal reader for WordNet 3.0's files: data files (data.noun, data.adj: synsets with their
// lexicographer file, words and pointers), index files (index.noun: lemmas and their senses) and
// exception lists (noun.exc: irregular inflections). Enough for the lemmatizer, gazetteers, the
// recognizer's word lexicon and role-word lists. Every reader throws std::runtime_error naming
// the file when it cannot be read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kg::extract::wordnet {

// One pointer of a synset: "@" hypernym, "@i" instance hypernym, "~" hyponym, "\" pertainym...
struct Pointer {
  std::string symbol;
  uint32_t target = 0;
  char pos = 'n';
  uint8_t source_word = 0;  // 0 = the whole synset
  uint8_t target_word = 0;
};

// One synset line of a data file.
struct Synset {
  uint32_t offset = 0;
  int lexfile = 0;  // lexicographer file number (18 = noun.person, 15 = noun.location)
  std::vector<std::string> words;  // as written, underscores for spaces, markers like "(a)" cut
  std::vector<Pointer> pointers;
  std::vector<uint8_t>
      frames;  // verbs only: generic sentence frames ("Somebody ----s somebody" = 9)
};

// Reads a data.* file into offset -> synset; throws std::runtime_error if it cannot be read.
std::unordered_map<uint32_t, Synset> read_data_file(const std::string& path);

// An index.* file read in one block (fast to load): the text, and a view of each entry line
// (the licence header left out). The views stay valid while `text` lives.
struct IndexFile {
  std::shared_ptr<const std::string> text;
  std::vector<std::string_view> lines;
};
IndexFile read_index_file(const std::string& path);

// The lemma of an index line ("meeting n 7 ...": "meeting"; underscores for spaces).
inline std::string_view index_lemma(std::string_view line) {
  return line.substr(0, line.find(' '));
}
// The synset offsets of an index line, most frequent sense first.
std::vector<uint32_t> index_offsets(std::string_view line);
// The senses of a lemma (lowercase, underscores for spaces), most frequent first, found by
// binary search (WordNet's index files are sorted by lemma); empty when absent.
std::vector<uint32_t> senses_of(const IndexFile& index, std::string_view lemma);

// (inflected form, base form) pairs of an exception list (*.exc): the first base form of each.
std::vector<std::pair<std::string, std::string>> read_exceptions(const std::string& path);

// Underscores to spaces: "United_Nations" -> "United Nations".
std::string lemma_text(const std::string& word);

}  // namespace kg::extract::wordnet
