// CoNLL-2003 column files (token POS chunk NER), and chunks read off IOB tags the way
// conlleval does (scoring: eval/ner_eval.h).
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace kg::extract {

// One line of a CoNLL column file: the token and its remaining columns, last one the NER tag.
struct ConllLine {
  std::string form;
  std::vector<std::string> columns;  // every column after the form, in order
};

// A CoNLL document: the sentences between two -DOCSTART- lines.
struct ConllDocument {
  std::vector<std::vector<ConllLine>> sentences;
};

// Reads a CoNLL column file; a file without -DOCSTART- lines is one document.
// Throws std::runtime_error naming the file and line on unreadable or malformed input.
std::vector<ConllDocument> read_conll(const std::string& path);

// Parses CoNLL text already in memory (same rules as read_conll); `name` is used in errors.
std::vector<ConllDocument> parse_conll(std::istream& in, const std::string& name);

// An entity span over the tokens of one sentence, last inclusive.
struct Chunk {
  uint32_t first = 0;
  uint32_t last = 0;
  std::string type;
  bool operator<(const Chunk& o) const {
    return first != o.first ? first < o.first : last != o.last ? last < o.last : type < o.type;
  }
  bool operator==(const Chunk& o) const {
    return first == o.first && last == o.last && type == o.type;
  }
};

// A tag's prefix as conlleval reads it ('O', 'B', 'I', 'E', 'S'; L and U read as E and S) and
// its type: "B-PER" -> ('B', "PER"), "O" -> ('O', "").
std::pair<char, std::string> split_tag(const std::string& tag);

// Splits tags (IOB1, IOB2, IOE, BILOU/BIOES) into chunks the way conlleval.pl does.
std::vector<Chunk> chunks_from_tags(const std::vector<std::string>& tags);

// Writes BILOU-free IOB2 tags ("B-" opens every chunk) for chunks over n tokens.
std::vector<std::string> iob2_tags(const std::vector<Chunk>& chunks, size_t n);

}  // namespace kg::extract
