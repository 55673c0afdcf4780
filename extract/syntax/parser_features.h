// Feature templates of the dependency parser: per-word values, Zhang & Nivre's (2011) templates
// with word clusters and ambiguity classes, and the features read from a guide parser's tree.
// Internal to extract/.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document.h"
#include "extract/syntax/parser_transitions.h"

namespace kg::extract::parsing {

// Per-word values the features combine.
struct WordValues {
  std::vector<uint64_t> word, tag, upos, cluster, coarse, lexical;
  std::vector<int> guide_head;        // the guide's head of each word; empty without a guide
  std::vector<uint64_t> guide_label;  // hash of the guide's relation of each word
  // The guide's dependents of word h, ascending: guide_children[child_begin[h] ..
  // child_begin[h+1]).
  std::vector<int> child_begin, guide_children;
};

// Lists each word's dependents in the guide's tree (call once guide_head is final).
void index_guide_children(WordValues& v);

// Copies the guide's tree (same words, same order) into `v`.
void add_guide(const Sentence& guide, WordValues& v);

// Clusters and UPOS give the parser evidence that survives a wrong fine-grained tag, and so do
// the tags a word had in training (its ambiguity class; `held_out` replaces the lookup during
// training) or, for a word never seen, its spelling. `lexicon` maps a lowercase word to its
// cluster ids | kClustered and its tags << 32.
WordValues word_values(const Sentence& sentence,
                       const std::unordered_map<std::string, uint64_t>& lexicon,
                       const std::vector<uint32_t>* held_out = nullptr);

// Zhang & Nivre (2011) feature templates plus the third stack element, clusters, ambiguity
// classes and, with a guide, the guide's tree. `core`: only Zhang & Nivre's templates (a
// cheaper model, used for guides).
void parser_features(const State& s, const WordValues& v, bool core, std::vector<uint64_t>& out);

}  // namespace kg::extract::parsing
