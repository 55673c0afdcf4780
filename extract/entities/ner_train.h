// Training of the two-stage entity recognizer on CoNLL-2003 style data.
#pragma once

#include <iosfwd>
#include <string>

#include "extract/entities/ner_conll.h"
#include "extract/entities/ner_model.h"

namespace kg::extract::ner {

// Settings of `kg train ner`.
struct NerTrainOptions {
  std::string train_path;
  std::string dev_path;   // optional: scored after each stage
  std::string model_dir;  // must hold ner-clusters.tsv; ner.bin is written there
  std::string wordnet_dir;
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
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

// Trains both stages (deterministic), writes <model_dir>/ner.bin, logs progress to `log`.
NerModel train_ner(const NerTrainOptions& options, std::ostream& log);

// Gold BILOU labels of a sentence from its last column (any IOB scheme).
std::vector<int> gold_labels(const std::vector<ConllLine>& sentence);

// Tags for CoNLL output (IOB2) from BILOU labels.
std::vector<std::string> labels_to_iob2(const std::vector<int>& labels);

// Scores a model on CoNLL documents (gold = last column).
NerScores evaluate_model(const NerModel& model, const std::vector<ConllDocument>& docs,
                         bool stage_one_only = false);

}  // namespace kg::extract::ner
