// Training of the two-stage entity recognizer on CoNLL-2003 style data.
#pragma once

#include <iosfwd>
#include <string>

#include "extract/entities/ner_conll.h"
#include "extract/entities/ner_model.h"
#include "extract/resources/paths.h"

namespace kg::extract::ner {

// Settings of `kg train ner`.
struct NerTrainOptions {
  std::string train_path;
  std::string clusters_path;  // the word classes (ner-clusters.tsv) the features read
  std::string wordnet_dir;
  std::string iso_codes_dir = default_iso_codes_dir();
  int epochs = 10;
  int folds = 5;                // jackknife folds for the second stage's training input
  int ensemble = 7;             // perceptrons per stage, trained in different orders and summed
  int min_count = 1;            // features seen fewer times in training are ignored
  float min_weight = 0.0f;      // averaged weights smaller than this are dropped from the file
  bool stage_one_only = false;  // quick experiments: train and score stage one, write nothing
  // Dictionary and verb-class features from WordNet (ner_lexicon.h). Off by default: they
  // raise eng.testa F1 a little but do not yet type unseen names like "Abramovich" right, so
  // the committed model is trained without them (see models/README.md).
  bool word_lexicon = false;
};

// Trains both stages (or only the first, with stage_one_only), deterministically; logs progress
// to `log`. Throws std::runtime_error for unreadable input.
NerModel train_ner(const NerTrainOptions& options, std::ostream& log);

// Gold BILOU labels of a sentence from its last column (any IOB scheme).
std::vector<int> gold_labels(const std::vector<ConllLine>& sentence);

// The sentences of a CoNLL document as word forms (views into `doc`).
std::vector<std::vector<std::string_view>> document_forms(const ConllDocument& doc);

}  // namespace kg::extract::ner
