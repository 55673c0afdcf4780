// CoNLL-2003 column files (token POS chunk NER) and conlleval-style entity scoring.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <map>
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

// Splits tags (IOB1, IOB2, IOE, BILOU/BIOES) into chunks the way conlleval.pl does.
std::vector<Chunk> chunks_from_tags(const std::vector<std::string>& tags);

// Writes BILOU-free IOB2 tags ("B-" opens every chunk) for chunks over n tokens.
std::vector<std::string> iob2_tags(const std::vector<Chunk>& chunks, size_t n);

// Precision/recall/F1 counts for one entity type or overall.
struct NerCounts {
  uint64_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

// Entity-level scores as conlleval counts them: exact span and type.
struct NerScores {
  NerCounts overall;
  std::map<std::string, NerCounts> by_type;
  uint64_t tokens = 0, tokens_correct = 0;
  // Adds one sentence's gold and predicted tags (same length).
  void add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);
};

// Scores a file whose last two columns are gold and predicted tags (conlleval's input).
NerScores evaluate_conll_columns(const std::vector<ConllDocument>& docs);

// Scores a gold file against a predicted file: the last column of each, line by line.
NerScores evaluate_conll_pair(const std::vector<ConllDocument>& gold,
                              const std::vector<ConllDocument>& predicted);

// Prints a conlleval-like report.
void print_scores(std::ostream& out, const NerScores& scores);

}  // namespace kg::extract
