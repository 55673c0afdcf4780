// The trained entity recognizer model: gazetteer, word classes and two perceptron stages,
// plus the decoding that turns a document's word forms into BILOU labels.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/entities/ner_features.h"
#include "extract/entities/ner_gazetteer.h"
#include "extract/entities/ner_labels.h"
#include "extract/entities/word_clusters.h"
#include "extract/learn/frozen_weights.h"

namespace kg::extract::ner {

// File names inside a model directory.
inline constexpr const char* kModelFile = "ner.bin";
inline constexpr const char* kModelKind = "ner";  // in the model file's header
inline constexpr const char* kClustersFile = "ner-clusters.tsv";

// Greedy left-to-right decoding of one sentence under BILOU constraints. `static_features`
// holds each token's features; history features are added from the labels chosen so far.
std::vector<int> decode_sentence(const FrozenWeights& weights, const std::vector<TokenInfo>& tokens,
                                 const std::vector<std::vector<uint64_t>>& static_features);

// All the parts of a trained recognizer.
struct NerModel {
  Gazetteer gazetteer;
  WordClusters clusters;
  uint64_t clusters_fingerprint = 0;  // checksum of the cluster file the model was trained with
  FrozenWeights stage_one, stage_two;
  WordLexicon lexicon;  // empty in models trained without dictionary features

  // Labels (see ner_labels.h) for every token of a document given as sentences of forms.
  // With `stage_one_only`, the first stage's labels (for diagnostics).
  std::vector<std::vector<int>> label(const std::vector<std::vector<std::string_view>>& forms,
                                      bool stage_one_only = false) const;

  // Writes the model file (not the clusters, which live in their own file); throws ModelError.
  void save(const std::string& path) const;
  // Reads a model file (this layout, or the format-2 files of before 2026-12-04) and its cluster
  // table; throws ModelError (a std::runtime_error) on any inconsistency.
  static NerModel load(const std::string& model_path, const std::string& clusters_path);
};

// Checksum of a file's bytes (FNV-1a 64); throws if it cannot be read.
uint64_t file_fingerprint(const std::string& path);

// Features of stage one (static part) for every token of a prepared document.
std::vector<std::vector<std::vector<uint64_t>>> stage_one_features(const PreparedDocument& doc);
// Features of stage two (static part), given stage one's view of the document.
std::vector<std::vector<std::vector<uint64_t>>> stage_two_feature_sets(const PreparedDocument& doc,
                                                                       const StageOneView& view);

}  // namespace kg::extract::ner
