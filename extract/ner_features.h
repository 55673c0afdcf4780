// Features of the entity recognizer. A document is prepared once (lowercase forms, shapes,
// word classes, gazetteer matches, document-level casing), then each token yields hashed
// features: static ones, ones on the labels already predicted to its left, and, for the second
// stage, ones on the first stage's labels over the whole document.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/ner_gazetteer.h"
#include "extract/word_clusters.h"

namespace kg::extract::ner {

// What the features need to know about one token.
struct TokenInfo {
  std::string_view form;
  std::string lower;
  std::string shape;
  const WordClusters::Classes* classes = nullptr;
  std::vector<uint8_t> gazetteer;  // category * 4 + BILOU position
  uint8_t doc_case = 0;            // 0 n/a, 1 seen lowercase elsewhere, 2 seen capitalized, 3 unseen
};

// A document ready for feature extraction; `forms` must outlive it.
struct PreparedDocument {
  std::vector<std::vector<TokenInfo>> sentences;
  std::vector<uint8_t> headline;  // per sentence: all letters upper case
};

// Builds TokenInfo for every token of a document (sentences of word forms).
PreparedDocument prepare_document(const std::vector<std::vector<std::string_view>>& forms,
                                  const Gazetteer& gazetteer, const WordClusters& clusters);

// Features that do not depend on any predicted label; appended to `out`.
void static_features(const PreparedDocument& doc, size_t sentence, size_t i,
                     std::vector<uint64_t>& out);

// Features on the two labels predicted to the left (-1 before the sentence start).
void history_features(const TokenInfo& token, int prev, int prev2, std::vector<uint64_t>& out);

// Document-level view of first-stage labels for the second stage.
struct StageOneView {
  std::vector<std::vector<int>> labels;      // per sentence, per token
  std::vector<std::vector<int8_t>> majority;  // type most often given to this word elsewhere
  std::vector<std::vector<int8_t>> longest;   // type of the longest entity elsewhere holding it
};

// Computes the document-level aggregates of first-stage labels.
StageOneView make_stage_one_view(const PreparedDocument& doc, std::vector<std::vector<int>> labels);

// Second-stage features from first-stage labels; appended to `out`.
void stage_two_features(const PreparedDocument& doc, const StageOneView& view, size_t sentence,
                        size_t i, std::vector<uint64_t>& out);

}  // namespace kg::extract::ner
