// Training a right-to-left parser whose trees guide the left-to-right parser (parser stacking,
// Nivre & McDonald 2008): the two directions make different mistakes, and the guided parser
// learns from the guide's jackknifed trees how far to trust them.
#pragma once

#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/syntax/parser.h"

namespace kg::extract {

// A trained guide and its parses of the training sentences.
struct ParserGuide {
  Parser parser;                      // trained on all of train; runs before the guided parser
  std::vector<Sentence> train_trees;  // train parsed by guides that did not see the sentence
};

// Trains `folds` right-to-left parsers, each on train without one fold, to parse that fold, and
// one on all of `train` (best epoch on `dev`, which may be empty), two at a time on two threads.
// `options` are the guide's (its direction is forced to right to left); `log` may be null.
// An unlabeled guide (every relation but root read as dep) has 6 moves instead of about 100,
// so its weight rows are short and it parses several times faster; `universal_labels` drops
// relation subtypes (nmod:poss is read as nmod) for shorter rows.
ParserGuide train_parser_guide(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                               const std::unordered_map<std::string, uint32_t>& clusters,
                               ParserOptions options, int folds, std::ostream* log,
                               bool labeled = true, bool universal_labels = false);

}  // namespace kg::extract
