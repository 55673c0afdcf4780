// Scoring entity recognition the way conlleval.pl does: exact span and type, per type and
// overall, over CoNLL column files or a recognizer's output.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "extract/entities/ner_conll.h"
#include "extract/entities/ner_model.h"

namespace kg::eval {

using extract::ConllDocument;

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

// Scores a recognizer model on CoNLL documents (gold = last column); with `stage_one_only`,
// its first stage alone.
NerScores evaluate_ner_model(const extract::ner::NerModel& model,
                             const std::vector<ConllDocument>& docs, bool stage_one_only = false);

}  // namespace kg::eval
