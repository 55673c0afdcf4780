// Reading and writing CoNLL-U: sentences of syntactic words plus what we must carry through
// untouched (comments, multiword-token lines, features, enhanced deps, misc).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "extract/document.h"

namespace kg::extract {

// A CoNLL-U sentence: the annotated words and the columns/lines the pipeline does not produce.
struct ConlluSentence {
  std::vector<std::string> comments;  // "# ..." lines, verbatim
  Sentence sentence;
  std::vector<std::string> feats, deps, misc;  // per word
  // Multiword-token lines ("3-4\tdon't\t...") keyed by the id of their first word.
  std::vector<std::pair<int, std::string>> multiword_lines;
  std::vector<std::string> empty_node_lines;  // "8.1" lines, kept after their word
  std::vector<int> empty_node_after;
};

// Parses CoNLL-U text; throws std::runtime_error with the line number on malformed input.
std::vector<ConlluSentence> read_conllu(std::istream& in, const std::string& name);
// Reads a CoNLL-U file; throws std::runtime_error if it cannot be opened or parsed.
std::vector<ConlluSentence> read_conllu_file(const std::string& path);
// Writes sentences in CoNLL-U, one blank line after each.
void write_conllu(std::ostream& out, const std::vector<ConlluSentence>& sentences);

}  // namespace kg::extract
