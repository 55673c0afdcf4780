// Scores predicted CoNLL-U annotation against gold, word by word (gold tokenization).
#pragma once

#include <cstddef>
#include <vector>

#include "extract/syntax/conllu.h"

namespace kg::eval {

using extract::ConlluSentence;

// Counts of words and of correct tags, lemmas and attachments.
struct ConlluScores {
  size_t words = 0, upos = 0, xpos = 0, lemma = 0, head = 0, labeled = 0;
  static double percent(size_t part, size_t whole) { return whole ? 100.0 * part / whole : 0.0; }
};

// Compares the sentences pairwise; throws std::runtime_error if the files' sentences or words
// do not line up (the metric assumes identical tokenization). Relations are compared without
// subtypes only if `ignore_subtypes`.
ConlluScores score_conllu(const std::vector<ConlluSentence>& gold,
                          const std::vector<ConlluSentence>& predicted,
                          bool ignore_subtypes = false);

}  // namespace kg::eval
