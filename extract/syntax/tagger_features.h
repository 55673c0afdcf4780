// The tagger's words and features, shared by tagging (tagger.cpp) and training
// (tagger_train.cpp). Internal to extract/syntax/.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document.h"
#include "extract/learn/frozen_weights.h"

namespace kg::extract::tagging {

// Everything about one word the features need, computed once per sentence.
struct WordInfo {
  uint64_t form, lower, shape, flags;
  uint64_t ambiguity;                     // set of UPOS tags the word had in training (0: unseen)
  uint64_t fine_cluster, coarse_cluster;  // distributional clusters (0: unknown word)
  uint64_t prefix[4], suffix[4];
};

// Per-word values of a sentence. `held_out_ambiguity`, if given, replaces the dictionary lookup
// (used in training, where a word's class must come from the other folds or it would always
// contain the gold tag).
std::vector<WordInfo> word_infos(const Sentence& s,
                                 const std::unordered_map<std::string, uint32_t>& ambiguity,
                                 const std::unordered_map<std::string, uint32_t>& clusters,
                                 const std::vector<uint32_t>* held_out_ambiguity = nullptr);

// Fills `out` with the features of word i given the classes already chosen for words before it.
// `first`, in the second pass, holds the first pass's tags of the whole sentence.
void tagger_features(const std::vector<WordInfo>& w, size_t i, const std::vector<int>& tags,
                     const std::vector<int>* first, std::vector<uint64_t>& out);

// Greedy left-to-right tags of one sentence with `weights`; `first` as for tagger_features.
// `all_scores`, if given, receives each word's class scores, num_classes per word (a dictionary
// word: 0 for its class, minus infinity for the others).
std::vector<int> greedy_tags(const std::vector<WordInfo>& infos, const Sentence& sentence,
                             const std::unordered_map<std::string, int>& dictionary,
                             const FrozenWeights& weights, const std::vector<int>* first,
                             std::vector<float>* all_scores = nullptr);

// The words of `infos` in reverse order, as word_infos computes them for the reversed sentence.
std::vector<WordInfo> reversed_infos(const std::vector<WordInfo>& infos);

}  // namespace kg::extract::tagging
