// Features of the entity recognizer. A document is prepared once (lowercase forms, shapes,
// word classes, gazetteer matches, contexts of the same word elsewhere in the document), then each
// token yields hashed features: static ones, ones on the labels already predicted to its left, and,
// for the second stage, ones on the first stage's labels over the whole document.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/entities/ner_gazetteer.h"
#include "extract/entities/ner_lexicon.h"
#include "extract/entities/word_clusters.h"

namespace kg::extract::ner {

// The recognizer's feature hashes: a template id mixed with the bytes of strings. The committed
// ner.bin was trained on these keys, so they stay until the recognizer is next retrained, which
// moves it to the hashes every other model uses (extract/learn/hash.h).
uint64_t hash_bytes(uint64_t seed, std::string_view bytes);
uint64_t mix(uint64_t a, uint64_t b);

// What the features need to know about one token.
struct TokenInfo {
  std::string_view form;
  std::string lower;
  std::string shape;
  const WordClusters::Classes* classes = nullptr;
  std::vector<uint8_t> gazetteer;  // category * 4 + BILOU position
  int32_t aggregate = -1;          // index into PreparedDocument::aggregates, -1 if none
  uint8_t kind = 0;                // WordKind, from the word lexicon
  uint16_t verb_files = 0;         // for lowercase words: WordLexicon::verb_files
  uint8_t verb_frames = 0;         // for lowercase words: WordLexicon::verb_frames
  bool person_noun = false;        // for lowercase words: WordLexicon::is_person_noun
};

// Coarse classes of a word from its case and the word lexicon, for dictionary features.
enum WordKind : uint8_t {
  kNoLetter = 0,      // punctuation, numbers
  kLowerCommon,       // "said", "peace"
  kLowerUnknown,      // "ukrainian-backed", typos
  kCapitalCommon,     // "Also", "Report", "Roman"
  kCapitalUnknown,    // "Abramovich", "Kyiv": not an English word, so likely a name
  kSentenceBoundary,  // before the first or after the last token
};

// A document ready for feature extraction; `forms` must outlive it.
struct PreparedDocument {
  std::vector<std::vector<TokenInfo>> sentences;
  // Context aggregation (Ratinov & Roth 2009): for each capitalized word, the words found
  // around all of its occurrences in the document, as ready feature hashes.
  std::vector<std::vector<uint64_t>> aggregates;
  bool has_lexicon = false;  // dictionary features fire only for models trained with them
};

// Builds TokenInfo for every token of a document (sentences of word forms). Without a lexicon
// (or with an empty one) no dictionary feature fires, as in models trained before them.
PreparedDocument prepare_document(const std::vector<std::vector<std::string_view>>& forms,
                                  const Gazetteer& gazetteer, const WordClusters& clusters,
                                  const WordLexicon* lexicon = nullptr);

// Features that do not depend on any predicted label; appended to `out`.
void static_features(const PreparedDocument& doc, size_t sentence, size_t i,
                     std::vector<uint64_t>& out);

// Features on the two labels predicted to the left (-1 before the sentence start).
void history_features(const TokenInfo& token, int prev, int prev2, std::vector<uint64_t>& out);

// Document-level view of first-stage labels for the second stage.
struct StageOneView {
  std::vector<std::vector<int>> labels;       // per sentence, per token
  std::vector<std::vector<int8_t>> majority;  // type most often given to this word elsewhere
  std::vector<std::vector<int8_t>> longest;   // type of the longest entity elsewhere holding it
  // How often each class (0 = O, 1 + type) was given to this word elsewhere, capped at 3.
  std::vector<std::vector<std::array<uint8_t, 5>>> votes;
  std::vector<std::vector<int8_t>> first;  // class given to the word's first occurrence
};

// Computes the document-level aggregates of first-stage labels.
StageOneView make_stage_one_view(const PreparedDocument& doc, std::vector<std::vector<int>> labels);

// Second-stage features from first-stage labels; appended to `out`.
void stage_two_features(const PreparedDocument& doc, const StageOneView& view, size_t sentence,
                        size_t i, std::vector<uint64_t>& out);

}  // namespace kg::extract::ner
