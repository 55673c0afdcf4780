// Training the pair classifier (relation_pairs.h): examples are candidate pairs with the class
// gold data gives them (0, none, for a pair the gold does not relate).
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "extract/facts/relation_pairs.h"

namespace kg::extract {

struct PairExample {
  PairCandidate candidate;
  int label = 0;  // index into kPairClasses
};

// Typed precision, recall and F1 (percent) of the model over examples: a decision counts when
// its class is not none, a right one when it is the label.
struct PairScore {
  size_t gold = 0, system = 0, right = 0;
  double f1() const;
  std::string text() const;
};
PairScore score_pairs(const RelationModel& model, const std::vector<PairExample>& examples);

// Trains `epochs` epochs of an averaged perceptron (the epoch best on dev kept; with `members`
// above 1, that many perceptrons of `epochs` epochs on their own example orders, summed), then sets
// the model's none bias to the value best for typed F1 on dev and its margin scale to the median
// margin of its right decisions there. Deterministic for a seed.
RelationModel train_relation_model(const std::vector<PairExample>& train,
                                   const std::vector<PairExample>& dev, int epochs, int members,
                                   uint64_t seed, std::ostream* log);

}  // namespace kg::extract
