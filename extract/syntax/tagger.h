// Part-of-speech tagger: a greedy left-to-right averaged perceptron predicting the joint
// (XPOS, UPOS) pair of each word, with a dictionary for frequent unambiguous words. Optionally a
// second perceptron, trained right to left, rescores the words the first is unsure of, and they
// take the class with the highest sum of both scores; or a second pass tags the sentence again
// knowing the first pass's tags of the words to the right.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document.h"
#include "extract/learn/frozen_weights.h"

namespace kg::extract {

// Training settings of the tagger; defaults are the ones used for models/tagger.bin.
struct TaggerOptions {
  int epochs = 10;
  int ensemble = 1;  // perceptrons summed into one table (each trained `epochs` epochs)
  uint64_t seed = 1;
  // 2: also train a second pass that sees the first pass's tags on both sides; it learns from
  // first-pass tags of `stack_folds` jackknife folds, so they are as noisy as at run time.
  int passes = 1;
  int stack_folds = 5;
  // Also train a right-to-left tagger (on the sentences reversed) whose scores are added to the
  // left-to-right one's; the two make different mistakes. Not with passes > 1.
  bool bidirectional = false;
  float min_abs_weight = 0.0f;  // weights below this are dropped when the model is frozen
};

// Tags sentences with UPOS and XPOS. Const methods are safe to call from several threads.
class Tagger {
 public:
  // Learns from sentences with gold tags; reports per-epoch accuracy on `dev` (may be empty)
  // to `log` (may be null) and keeps the weights of the best epoch.
  // `clusters` maps lowercase words to (fine | coarse << 16) cluster ids; may be empty.
  static Tagger train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                      const std::unordered_map<std::string, uint32_t>& clusters,
                      const TaggerOptions& options, std::ostream* log);
  // Reads a model written by save(); throws ModelError on a bad file.
  static Tagger load(const std::string& path);
  void save(const std::string& path) const;
  // Drops weights smaller than `min_abs_weight` in magnitude, to shrink the model file.
  void prune(float min_abs_weight);
  // Sets upos and xpos of every token.
  void tag(Sentence& sentence) const;

 private:
  friend class TaggerTrainer;                            // tagger_train.cpp
  std::vector<std::string> xpos_, upos_;                 // by class id
  std::unordered_map<std::string, int> dictionary_;      // word form -> its only class
  std::unordered_map<std::string, uint32_t> ambiguity_;  // word form -> UPOS tags seen (bits)
  std::unordered_map<std::string, uint32_t> clusters_;   // lowercase word -> cluster ids
  FrozenWeights weights_;
  FrozenWeights second_pass_;  // no classes: one pass only
  FrozenWeights backward_;     // right-to-left weights; no classes: left to right only
  // The right-to-left weights: a tagger trained on the sentences reversed, whose classes must be
  // those of `forward`.
  static FrozenWeights train_backward(const std::vector<Sentence>& train,
                                      const std::vector<Sentence>& dev,
                                      const std::unordered_map<std::string, uint32_t>& clusters,
                                      const TaggerOptions& options, std::ostream* log,
                                      const Tagger& forward);
  // Tags each sentence of `train` with a tagger trained on the other folds (class ids).
  std::vector<std::vector<int>> jackknife_first_pass(const std::vector<Sentence>& train,
                                                     const TaggerOptions& options) const;
};

// Tags each fold of `train` with a tagger trained on the other folds (tags only: forms, heads
// and relations stay), so that a parser learns from tags as noisy as the ones it will meet.
// Reports each fold's UPOS accuracy to `log` (may be null). Defined in tagger_train.cpp.
void jackknife_tags(std::vector<Sentence>& train, int folds, const TaggerOptions& options,
                    const std::unordered_map<std::string, uint32_t>& clusters, std::ostream* log);

}  // namespace kg::extract
