// Dependency parser: greedy arc-eager transitions scored by an averaged perceptron over
// Zhang & Nivre (2011) rich non-local features, trained with Goldberg & Nivre's (2012) dynamic
// oracle and exploration, on predicted (jackknifed) tags so training matches test conditions.
// Optionally non-monotonic (Honnibal, Goldberg & Johnson 2013): a left arc may take a word from
// the head a right arc gave it, so an early attachment can be repaired.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document.h"
#include "extract/learn/frozen_weights.h"

namespace kg::extract {
namespace parsing {
struct WordValues;
}

// Training settings of the parser; defaults are the ones used for models/parser.bin.
struct ParserOptions {
  int epochs = 15;
  int ensemble = 1;  // perceptrons summed into one table (each trained `epochs` epochs)
  uint64_t seed = 1;
  double explore_probability = 0.9;  // chance of following a wrong prediction while training
  int explore_from_epoch = 2;        // first epoch that explores
  float min_abs_weight = 0.0f;       // weights below this are dropped when the model is frozen
  bool reverse = false;              // parse right to left (a guide for a left-to-right parser)
  bool core_features = false;        // only Zhang & Nivre's templates: a faster, weaker model
  bool repair = false;  // non-monotonic: a left arc may replace a head a right arc gave
};

// Labeled attachment scores of a parse against gold trees.
struct AttachmentScore {
  size_t words = 0, head_correct = 0, labeled_correct = 0;
  // Counts the words of `predicted` against the same words of `gold`.
  void add(const Sentence& predicted, const Sentence& gold);
  double uas() const { return words ? 100.0 * head_correct / words : 0; }
  double las() const { return words ? 100.0 * labeled_correct / words : 0; }
};

// Parses tagged sentences into UD trees. Const methods are safe to call from several threads.
class Parser {
 public:
  // Learns from `train` (forms, tags, gold heads and relations). Reports per-epoch scores on
  // `dev` (may be empty) to `log` (may be null) and keeps the best epoch.
  // `clusters` maps lowercase words to (fine | coarse << 16) word cluster ids (may be empty).
  // With a `guide` (another parser, run first at parse time), the features also look at the
  // guide's tree (Nivre & McDonald 2008); `guide_train` then holds the guide's parses of `train`,
  // made by guides that did not see the sentence (jackknifed), in the same order.
  static Parser train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                      const std::unordered_map<std::string, uint32_t>& clusters,
                      const ParserOptions& options, std::ostream* log,
                      const Parser* guide = nullptr,
                      const std::vector<Sentence>* guide_train = nullptr);
  // Reads a model written by save(); throws ModelError on a bad file.
  static Parser load(const std::string& path);
  void save(const std::string& path) const;
  // Drops weights smaller than `min_abs_weight` in magnitude, to shrink the model file, and
  // those of the guide below `guide_min_abs_weight` (negative: the same threshold).
  void prune(float min_abs_weight, float guide_min_abs_weight = -1);
  // Sets head and deprel of every token from forms, upos and xpos.
  void parse(Sentence& sentence) const;
  // Parses copies of `gold` (keeping their tags) and scores them: the dev score that chooses
  // between epochs while training (parser_train.cpp).
  AttachmentScore evaluate(const std::vector<Sentence>& gold) const;
  // The guide this model runs first and reads (null if none), e.g. to train another guided
  // parser without retraining it.
  const Parser* guide() const { return guide_.get(); }

 private:
  friend class ParserTrainer;  // parser_train.cpp
  // Heads (0 = root) and relation ids of the words of a non-empty sentence, in sentence order;
  // runs the guide first if there is one.
  void decode(const Sentence& sentence, std::vector<int>& heads, std::vector<int>& labels) const;
  // The same, from the sentence's word values (computed with this model's lexicon).
  void decode_values(const Sentence& sentence, parsing::WordValues values, std::vector<int>& heads,
                     std::vector<int>& labels) const;
  // Whether the guide's lexicon equals this one, and the hash of each relation as the guided
  // parser's features see it (both set by build_lexicon).
  bool guide_shares_lexicon_ = false;
  std::vector<uint64_t> label_hashes_;
  void write_body(ModelWriter& out) const;
  static Parser read_body(ModelReader& in);
  bool reversed_ = false;
  bool core_features_ = false;
  bool repair_ = false;
  std::shared_ptr<const Parser> guide_;
  std::vector<std::string> labels_;
  int root_label_ = 0;
  std::unordered_map<std::string, uint32_t> clusters_;
  // Lowercase word -> the UPOS tags it had in training (bit set): evidence against a wrong tag.
  // Empty in models from before it existed (their feature templates never used it).
  std::unordered_map<std::string, uint32_t> ambiguity_;
  // Both tables in one (cluster ids | tags << 32), so parsing looks each word up once.
  std::unordered_map<std::string, uint64_t> lexicon_;
  void build_lexicon();
  FrozenWeights weights_;
};

}  // namespace kg::extract
