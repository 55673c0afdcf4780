// Word classes for the entity recognizer, learnt from unlabelled text with the exchange
// algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): words are moved between classes
// to maximize the likelihood of a class bigram model. Several class counts give coarse-to-fine
// classes, playing the role of Brown-cluster path prefixes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/document.h"

namespace kg::extract::ner {

// Settings of one clustering run.
struct ClusterOptions {
  std::vector<int> class_counts = {32, 128, 512};
  size_t vocabulary = 40000;  // most frequent words kept; the rest share one id
  int min_count = 2;
  int iterations = 10;
  bool verbose = false;
};

// Word -> class at each granularity.
class WordClusters {
 public:
  static constexpr size_t kLevels = 3;
  using Classes = std::array<uint16_t, kLevels>;

  // Clusters the words of the given sentences (case kept). Deterministic.
  static WordClusters train(const std::vector<std::vector<std::string>>& sentences,
                            const ClusterOptions& options);

  // TSV: word, one class per level, then (optional) its count. Throws std::runtime_error on
  // malformed lines.
  static WordClusters load(const std::string& path);
  void save(const std::string& path) const;

  // Classes of a word, or nullptr if it was not in the clustered vocabulary.
  const Classes* find(std::string_view word) const;
  // Classes of a word that occurred at least kReliableCount times in the clustered text, else
  // nullptr: a word seen a few times gets the class of whatever it happened to stand next to
  // ("Abramovich", 4 times in BBC sport, shares a class with football clubs). Tables without
  // counts (written before they were kept) trust every word.
  const Classes* find_reliable(std::string_view word) const;
  static constexpr uint32_t kReliableCount = 5;
  size_t size() const { return table_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Word {
    Classes classes;
    uint32_t count = 0;  // occurrences in the clustered text (TSV column 5)
  };
  std::unordered_map<std::string, Word, Hash, std::equal_to<>> table_;
  bool has_counts_ = false;  // false for tables written before counts were kept
};

// Training (word_clusters_train.cpp).

// Splits raw text into sentences and tokens with a simple rule-based splitter (whitespace,
// punctuation at word edges, sentence ends at . ! ? and line breaks). Used to read the
// unlabelled text for word classes (`kg train ner-clusters`), so that the committed cluster
// table stays reproducible; everything else uses the full tokenizer (extract/tokenizer.h).
extract::Document simple_tokenize(std::string name, std::string text);

// Sentences of word forms to learn word classes from: raw text files or folders of .txt files
// (split by simple_tokenize), CoNLL-U files and CoNLL-2003 column files. Throws
// std::runtime_error (ModelError for an unreadable text file) naming what could not be read.
std::vector<std::vector<std::string>> cluster_training_sentences(
    const std::vector<std::string>& texts, const std::vector<std::string>& conllu,
    const std::vector<std::string>& conll);

// A simple word splitter for raw text: whitespace, then punctuation at word edges and
// possessive clitics split off; "U.S." and "1,400" stay whole. Returns byte ranges.
std::vector<std::pair<uint32_t, uint32_t>> split_words(std::string_view text);

}  // namespace kg::extract::ner
