// A minimal reader for WordNet 3.0 data files (data.noun, data.adj): synsets with their
// lexicographer file, words and pointers. Enough for gazetteers and role-word lists.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
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

// Underscores to spaces: "United_Nations" -> "United Nations".
std::string lemma_text(const std::string& word);

}  // namespace kg::extract::wordnet
